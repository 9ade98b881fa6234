import { activeApiKey } from '../../data/api-keys.js';
import { ApiKeyModel } from '../../data/models/index.js';
import { hashBearerSecret, recordUse } from '../../security/bearer-secret.js';

/** `ak_` + 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{43}$/;

/** Every request reads the key's current state (no cache), so a revocation takes effect on the next call. */
export async function authenticateApiKey(key: string) {
  if (!API_KEY_PATTERN.test(key)) return null;
  const doc = await activeApiKey(hashBearerSecret(key));
  if (!doc) return null;
  await recordUse(ApiKeyModel, doc);
  return { keyId: String(doc._id), name: doc.name, tenantId: doc.tenantId ? String(doc.tenantId) : null };
}
