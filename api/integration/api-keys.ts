import { Types } from 'mongoose';
import { ApiKeyModel } from '../../data/models/index.js';
import type { ApiKeyDoc } from '../../data/models/api-key.js';
import { hashBearerSecret, newBearerSecret, recordUse } from '../../security/bearer-secret.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';

const KEY_PREFIX = 'ak_';
/** `ak_` + 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{43}$/;

/** Who makes a key: a console admin, or an operator with the CLI (default). */
export type ApiKeyCreator = { type: 'admin'; id: string; email: string } | { type: 'cli' };
const CLI_ACTOR: Actor = { type: 'system', id: 'cli', label: 'command line' };
const actorOf = (creator: ApiKeyCreator): Actor => (creator.type === 'admin' ? { type: 'admin', id: creator.id, label: creator.email } : CLI_ACTOR);

// The hash is not needed to show a key; lists leave it out of the projection.
type ApiKeyRecord = Omit<ApiKeyDoc, 'keyHash'> & { _id: unknown; createdAt: Date };

/** A key as the console and the CLI list it: never its hash, and the key itself only once, at creation. */
export function toApiKeyView(key: ApiKeyRecord) {
  return {
    id: String(key._id),
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy ? { type: key.createdBy.type as ApiKeyCreator['type'], id: key.createdBy.id ?? null, email: key.createdBy.email ?? null } : null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
export type ApiKeyView = ReturnType<typeof toApiKeyView>;

/** Creates a key; the raw key is returned once and only its SHA-256 is kept. */
export async function createApiKey(name: string, creator: ApiKeyCreator = { type: 'cli' }) {
  const key = newBearerSecret(KEY_PREFIX);
  const createdBy =
    creator.type === 'admin' ? { type: 'admin' as const, id: creator.id, email: creator.email } : { type: 'cli' as const, id: null, email: null };
  const doc = await ApiKeyModel.create({ name, prefix: key.slice(0, 10), keyHash: hashBearerSecret(key), createdBy });
  const view = toApiKeyView(doc.toObject());
  await recordAudit(actorOf(creator), 'apiKey.created', { type: 'apiKey', id: view.id }, { after: view });
  return { ...view, key };
}

export async function listApiKeys() {
  const keys = await ApiKeyModel.find({}).sort({ createdAt: 1 }).lean();
  return keys.map(toApiKeyView);
}

export async function findApiKeyOrFail(id: string) {
  const key = Types.ObjectId.isValid(id) ? await ApiKeyModel.findById(id).lean() : null;
  if (!key) throw fail('NOT_FOUND');
  return toApiKeyView(key);
}

/** Stamps revokedAt on each active key matching; each revocation is audited. Returns the keys revoked. */
async function revokeWhere(where: Record<string, unknown>, actor: Actor) {
  const revoked: ApiKeyView[] = [];
  for (const key of await ApiKeyModel.find({ ...where, revokedAt: null }).lean()) {
    // Conditional on still being active: of two revocations at once, one changes and is audited.
    const updated = await ApiKeyModel.findOneAndUpdate(
      { _id: key._id, revokedAt: null },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) continue;
    const after = toApiKeyView(updated);
    await recordAudit(actor, 'apiKey.revoked', { type: 'apiKey', id: after.id }, { before: toApiKeyView(key), after });
    revoked.push(after);
  }
  return revoked;
}

/** The CLI's revoke: by id or by the printed prefix; returns how many keys were revoked. */
export async function revokeApiKey(idOrPrefix: string, actor: Actor = CLI_ACTOR) {
  const where = Types.ObjectId.isValid(idOrPrefix) && idOrPrefix.length === 24 ? { _id: new Types.ObjectId(idOrPrefix) } : { prefix: idOrPrefix };
  return (await revokeWhere(where, actor)).length;
}

/** The console's revoke: one key by id; revoking a revoked key changes nothing and answers it as it is. */
export async function revokeApiKeyById(id: string, actor: Actor) {
  await findApiKeyOrFail(id);
  await revokeWhere({ _id: new Types.ObjectId(id) }, actor);
  return findApiKeyOrFail(id);
}

/** Every request reads the key's current state (no cache), so a revocation takes effect on the next call. */
export async function authenticateApiKey(key: string) {
  if (!API_KEY_PATTERN.test(key)) return null;
  const doc = await ApiKeyModel.findOne({ keyHash: hashBearerSecret(key), revokedAt: null }).lean();
  if (!doc) return null;
  await recordUse(ApiKeyModel, doc);
  return { keyId: String(doc._id), name: doc.name };
}
