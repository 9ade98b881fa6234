import type { RequestHandler } from 'express';
import { Types } from 'mongoose';
import { ScimTokenModel, TenantModel } from '../../data/models/index.js';
import type { ScimTokenDoc } from '../../data/models/scim-token.js';
import { hashBearerSecret, newBearerSecret, recordUse } from '../../security/bearer-secret.js';
import { recordAudit, type Actor } from '../audit.js';
import { ScimError } from './errors.js';

/** `scim_` + 43 base64url characters (256 random bits). */
export const SCIM_TOKEN_PATTERN = /^scim_[A-Za-z0-9_-]{43}$/;
const CLI_ACTOR: Actor = { type: 'system', id: 'cli', label: 'command line' };

export interface ScimIdentity {
  tokenId: string;
  name: string;
  tenantId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    scim?: ScimIdentity;
  }
}

/** The audit trail's actor for a SCIM call: the integration actor type, named after the token. */
export const scimActor = (identity: ScimIdentity): Actor => ({ type: 'integration', id: identity.tokenId, label: `SCIM ${identity.name}` });

type ScimTokenRecord = Omit<ScimTokenDoc, 'tokenHash'> & { _id: unknown; createdAt: Date };

/** A token as the CLI lists it: never its hash, and the token itself only once, at creation. */
export function toScimTokenView(token: ScimTokenRecord) {
  return {
    id: String(token._id),
    tenantId: String(token.tenantId),
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
export type ScimTokenView = ReturnType<typeof toScimTokenView>;

export class UnknownTenantError extends Error {}

/** Creates a token for one tenant; the raw token is returned once and only its SHA-256 is kept. */
export async function createScimToken(tenantId: string, name: string, actor: Actor = CLI_ACTOR) {
  const tenant = Types.ObjectId.isValid(tenantId) && tenantId.length === 24 ? await TenantModel.findById(tenantId, { name: 1 }).lean() : null;
  if (!tenant) throw new UnknownTenantError(`no tenant with id "${tenantId}"`);
  const token = newBearerSecret('scim_');
  const doc = await ScimTokenModel.create({ tenantId: tenant._id, name, prefix: token.slice(0, 12), tokenHash: hashBearerSecret(token) });
  const view = toScimTokenView(doc.toObject());
  await recordAudit(actor, 'scimToken.created', { type: 'scimToken', id: view.id, tenantId: view.tenantId }, { after: view });
  return { ...view, tenantName: tenant.name, token };
}

export async function listScimTokens() {
  const tokens = await ScimTokenModel.find({}, { tokenHash: 0 }).sort({ createdAt: 1, _id: 1 }).lean();
  return tokens.map(toScimTokenView);
}

/** By id or by the printed prefix; each revocation is audited. Returns how many tokens were revoked. */
export async function revokeScimToken(idOrPrefix: string, actor: Actor = CLI_ACTOR) {
  const where = Types.ObjectId.isValid(idOrPrefix) && idOrPrefix.length === 24 ? { _id: new Types.ObjectId(idOrPrefix) } : { prefix: idOrPrefix };
  let revoked = 0;
  for (const token of await ScimTokenModel.find({ ...where, revokedAt: null }, { tokenHash: 0 }).lean()) {
    // Conditional on still being active: of two revocations at once, one changes and is audited.
    const updated = await ScimTokenModel.findOneAndUpdate(
      { _id: token._id, revokedAt: null },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'after', projection: { tokenHash: 0 } },
    ).lean();
    if (!updated) continue;
    await recordAudit(
      actor,
      'scimToken.revoked',
      { type: 'scimToken', id: String(token._id), tenantId: String(token.tenantId) },
      { before: toScimTokenView(token), after: toScimTokenView(updated) },
    );
    revoked++;
  }
  return revoked;
}

/** Every request reads the token's current state (no cache), so a revocation takes effect on the next call. */
export async function authenticateScimToken(token: string): Promise<ScimIdentity | null> {
  if (!SCIM_TOKEN_PATTERN.test(token)) return null;
  const doc = await ScimTokenModel.findOne({ tokenHash: hashBearerSecret(token), revokedAt: null }).lean();
  if (!doc) return null;
  await recordUse(ScimTokenModel, doc);
  return { tokenId: String(doc._id), name: doc.name, tenantId: String(doc.tenantId) };
}

/** `Authorization: Bearer scim_…`; anything else (missing, malformed, unknown, revoked) is the same 401. */
export const requireScimToken: RequestHandler = async (req, _res, next) => {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const identity = match ? await authenticateScimToken(match[1]!) : null;
  if (!identity) throw new ScimError(401, null, 'send a valid SCIM token as "Authorization: Bearer scim_…" (npm run cli -- scim-tokens create)');
  req.scim = identity;
  next();
};
