import type { ScimTokenDoc } from '../../data/models/scim-token.js';
import type { ScimTokenRecord } from '../../domain/scim-token.js';

/** A token as the console and the CLI list it: never its hash, and the token itself only once, at creation. */
export function toScimTokenView(token: Omit<ScimTokenDoc, 'tokenHash'> & { _id: unknown; createdAt: Date }): ScimTokenRecord {
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
