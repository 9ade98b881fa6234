import { describe, expect, it } from 'vitest';
import type { LifecyclePolicy } from '../../domain/lifecycle.js';
import { nextReminderAt, spreadOffset } from '../../workflows/reminder-schedule.js';

const day = 86_400_000;
const policy: LifecyclePolicy = { syncDelayMs: 300_000, reminderOffsetsMs: [day, 3 * day], invitationTtlMs: 7 * day, reminderSpreadMs: 30 * 60_000 };

describe('spreadOffset', () => {
  it('is stable per user and inside the window', () => {
    const offset = spreadOffset('65f1c0ffee0000000000abcd', policy.reminderSpreadMs);
    expect(spreadOffset('65f1c0ffee0000000000abcd', policy.reminderSpreadMs)).toBe(offset);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(policy.reminderSpreadMs);
  });

  it('spreads a cohort of ids over the window', () => {
    const buckets = new Set<number>();
    for (let i = 0; i < 1_000; i++) buckets.add(Math.floor(spreadOffset(`65f1c0ffee${i.toString(16).padStart(14, '0')}`, 60) / 6));
    expect(buckets.size).toBe(10);
  });

  it('is zero without a window', () => expect(spreadOffset('abc', 0)).toBe(0));
});

describe('nextReminderAt', () => {
  const invitedAt = 1_000_000;
  const expiresAt = invitedAt + policy.invitationTtlMs;
  const spread = spreadOffset('user-1', policy.reminderSpreadMs);

  it('schedules each reminder at its offset plus the user spread', () => {
    expect(nextReminderAt(policy, 'user-1', invitedAt, expiresAt, 0)).toBe(invitedAt + day + spread);
    expect(nextReminderAt(policy, 'user-1', invitedAt, expiresAt, 1)).toBe(invitedAt + 3 * day + spread);
  });

  it('has none left after the last one', () => expect(nextReminderAt(policy, 'user-1', invitedAt, expiresAt, 2)).toBeNull());

  it('never pushes a reminder past the expiry', () => {
    const tight = { ...policy, reminderOffsetsMs: [7 * day - 1] };
    expect(nextReminderAt(tight, 'user-1', invitedAt, expiresAt, 0)).toBe(invitedAt + 7 * day - 1);
  });
});
