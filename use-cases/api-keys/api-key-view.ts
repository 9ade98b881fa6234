import type { ApiKeyDoc } from '../../data/models/api-key.js';
import type { ApiKeyRecord } from '../../domain/api-key.js';

/** Who makes a key: a console admin, or an operator with the CLI (default). */
export type ApiKeyCreator = { type: 'admin'; id: string; email: string } | { type: 'cli' };

/** A key as the console and the CLI list it: never its hash, and the key itself only once, at creation. */
export function toApiKeyView(key: Omit<ApiKeyDoc, 'keyHash'> & { _id: unknown; createdAt: Date }): ApiKeyRecord {
  return {
    id: String(key._id),
    name: key.name,
    tenantId: key.tenantId ? String(key.tenantId) : null,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy ? { type: key.createdBy.type as ApiKeyCreator['type'], id: key.createdBy.id ?? null, email: key.createdBy.email ?? null } : null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
