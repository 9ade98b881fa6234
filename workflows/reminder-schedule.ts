import type { LifecyclePolicy } from '../domain/lifecycle.js';

/**
 * Pure timing rules of the lifecycle, kept apart from the workflow so they get plain unit tests.
 */

/** A stable offset in [0, spreadMs) per user, so a migrated cohort's reminders do not all fire at once. */
export function spreadOffset(userId: string, spreadMs: number): number {
  if (spreadMs <= 0) return 0;
  // FNV-1a: deterministic (workflow-safe) and well mixed for ObjectId strings.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % spreadMs;
}

/**
 * When reminder number `remindersSent + 1` is due, or null when none is left before the expiry.
 * The spread is capped so that a reminder is never pushed past the invitation's expiry.
 */
export function nextReminderAt(policy: LifecyclePolicy, userId: string, invitedAt: number, expiresAt: number, remindersSent: number): number | null {
  const offset = policy.reminderOffsetsMs[remindersSent];
  if (offset === undefined) return null;
  const due = invitedAt + offset + spreadOffset(userId, policy.reminderSpreadMs);
  if (due < expiresAt) return due;
  const unspread = invitedAt + offset;
  return unspread < expiresAt ? unspread : null;
}
