import { activeApiKey } from '../../data/api-keys.js';
import { ApiKeyModel } from '../../data/models/index.js';
import { hashBearerSecret, recordUse } from '../../security/bearer-secret.js';

/** `ak_` + 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{43}$/;

/** Who calls /api/v1: the key, and the office it is scoped to (null: a platform key). */
export interface ApiKeyIdentity {
  keyId: string;
  name: string;
  tenantId: string | null;
}

/**
 * Every request reads the key's current state (no cache), so a revocation takes effect on the next
 * call, and so does the expiry. `null`: no such active key (unknown, malformed, revoked);
 * `'expired'`: the key's `expiresAt` has passed, refused like a revoked one but saying why.
 */
export async function authenticateApiKey(key: string, now = new Date()): Promise<ApiKeyIdentity | 'expired' | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const doc = await activeApiKey(hashBearerSecret(key));
  if (!doc) return null;
  if (doc.expiresAt && doc.expiresAt.getTime() <= now.getTime()) return 'expired';
  await recordUse(ApiKeyModel, doc);
  return { keyId: String(doc._id), name: doc.name, tenantId: doc.tenantId ? String(doc.tenantId) : null };
}
