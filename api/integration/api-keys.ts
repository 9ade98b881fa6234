import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { ApiKeyModel } from '../../data/models/index.js';

const KEY_PREFIX = 'ak_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
/** `ak_` + 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{43}$/;

/** Creates a key; the raw key is returned once and only its SHA-256 is kept. */
export async function createApiKey(name: string) {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const doc = await ApiKeyModel.create({ name, prefix, keyHash: hashKey(key) });
  return { id: String(doc._id), name, prefix, key };
}

export async function listApiKeys() {
  const keys = await ApiKeyModel.find({}).sort({ createdAt: 1 }).lean();
  return keys.map((key) => ({
    id: String(key._id),
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes by id or by the printed prefix; returns how many keys were revoked. */
export async function revokeApiKey(idOrPrefix: string) {
  const where = Types.ObjectId.isValid(idOrPrefix) && idOrPrefix.length === 24 ? { _id: new Types.ObjectId(idOrPrefix) } : { prefix: idOrPrefix };
  const result = await ApiKeyModel.updateMany({ ...where, revokedAt: null }, { $set: { revokedAt: new Date() } });
  return result.modifiedCount;
}

export async function authenticateApiKey(key: string) {
  if (!API_KEY_PATTERN.test(key)) return null;
  const doc = await ApiKeyModel.findOne({ keyHash: hashKey(key), revokedAt: null }).lean();
  if (!doc) return null;
  // At most one write a minute per key: "last used" is for operators, not an access log.
  if (!doc.lastUsedAt || Date.now() - doc.lastUsedAt.getTime() > 60_000) await ApiKeyModel.updateOne({ _id: doc._id }, { $set: { lastUsedAt: new Date() } });
  return { keyId: String(doc._id), name: doc.name };
}
