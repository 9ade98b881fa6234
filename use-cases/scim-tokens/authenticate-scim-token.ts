import { ScimTokenModel } from '../../data/models/index.js';
import { activeScimToken } from '../../data/scim-tokens.js';
import type { Actor } from '../../domain/actor.js';
import { hashBearerSecret, recordUse } from '../../security/bearer-secret.js';

/** `scim_` + 43 base64url characters (256 random bits). */
export const SCIM_TOKEN_PATTERN = /^scim_[A-Za-z0-9_-]{43}$/;

/** Who calls SCIM: a tenant's token. */
export interface ScimIdentity {
  tokenId: string;
  name: string;
  tenantId: string;
}

/** The audit trail's actor for a SCIM call: the integration actor type, named after the token. */
export const scimActor = (identity: ScimIdentity): Actor => ({ type: 'integration', id: identity.tokenId, label: `SCIM ${identity.name}` });

/** Every request reads the token's current state (no cache), so a revocation takes effect on the next call. */
export async function authenticateScimToken(token: string): Promise<ScimIdentity | null> {
  if (!SCIM_TOKEN_PATTERN.test(token)) return null;
  const doc = await activeScimToken(hashBearerSecret(token));
  if (!doc) return null;
  await recordUse(ScimTokenModel, doc);
  return { tokenId: String(doc._id), name: doc.name, tenantId: String(doc.tenantId) };
}
