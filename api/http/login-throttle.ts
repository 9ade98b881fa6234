import { setTimeout as sleep } from 'node:timers/promises';
import { LoginThrottleModel } from '../../data/models/index.js';
import { fail } from './error-messages.js';

export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMs: number;
}

/**
 * Sign-in brute-force protection per e-mail (known or not, so lockouts reveal nothing): after two
 * failures each answer is delayed (doubling, at most 2 s), after `maxFailures` the e-mail is
 * locked for `lockoutMs`. A success clears the record.
 */
export function loginThrottle(policy: ThrottlePolicy) {
  return {
    async beforeAttempt(key: string) {
      const record = await LoginThrottleModel.findById(key).lean();
      if (!record) return;
      const now = Date.now();
      if (record.lockedUntil && record.lockedUntil.getTime() > now) {
        const seconds = Math.ceil((record.lockedUntil.getTime() - now) / 1000);
        throw fail('TOO_MANY_ATTEMPTS', { headers: { 'Retry-After': String(seconds) } });
      }
      const recent = record.lastFailureAt && now - record.lastFailureAt.getTime() < policy.lockoutMs;
      if (recent && record.failures >= 2) await sleep(Math.min(100 * 2 ** (record.failures - 2), 2_000));
    },

    async failed(key: string) {
      const now = new Date();
      const record = await LoginThrottleModel.findById(key).lean();
      // Failures older than the lockout window start a fresh count.
      const stale = !record?.lastFailureAt || now.getTime() - record.lastFailureAt.getTime() >= policy.lockoutMs || (record.lockedUntil && record.lockedUntil <= now);
      const failures = (stale ? 0 : record!.failures) + 1;
      const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockoutMs) : null;
      await LoginThrottleModel.updateOne({ _id: key }, { $set: { failures, lastFailureAt: now, lockedUntil } }, { upsert: true });
    },

    async succeeded(key: string) {
      await LoginThrottleModel.deleteOne({ _id: key });
    },
  };
}
export type LoginThrottle = ReturnType<typeof loginThrottle>;
