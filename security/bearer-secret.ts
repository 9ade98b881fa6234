import { createHash, randomBytes } from 'node:crypto';

/**
 * The secrets other systems send as `Authorization: Bearer …` (API keys, SCIM tokens): 256 random
 * bits behind a prefix that says what they are, stored only as their SHA-256, their "last used"
 * kept to the minute.
 */
export const newBearerSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;
export const hashBearerSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** "Last used" is for operators deciding whether a secret is still needed, not an access log: one write a minute per secret at most. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type LastUsedStore = { updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): PromiseLike<unknown> };

/** Records a use of the secret `doc`, unless one was recorded within the minute. */
export async function recordUse(store: LastUsedStore, doc: { _id: unknown; lastUsedAt?: Date | null }, now = new Date()) {
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (doc.lastUsedAt && doc.lastUsedAt >= staleBefore) return;
  // Conditional, so simultaneous requests with one secret make one write, not one each.
  await store.updateOne({ _id: doc._id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: staleBefore } }] }, { $set: { lastUsedAt: now } });
}
