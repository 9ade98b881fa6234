import { ipKeyGenerator } from 'express-rate-limit';
import { deleteWindow, decrementWindow, incrementWindow, markWindow, readWindow } from '../../data/rate-limit-windows.js';
import { fail } from './error-messages.js';
import { limiter } from './rate-limits.js';

export interface ThrottlePolicy {
  /** Failed sign-ins of one client (IP) for one e-mail before that pair is locked for `lockoutMs`. */
  maxFailures: number;
  lockoutMs: number;
  /** Failed sign-ins for one e-mail from all clients per `lockoutMs` before clients it does not know are refused. */
  accountMaxFailures: number;
}

/** How long a client (IP) that signed in to an account stays known to it. */
export const KNOWN_CLIENT_TTL_MS = 30 * 86_400_000;

export type SignInScope = 'admin' | 'user';

const tooMany = (until: Date) =>
  fail('TOO_MANY_ATTEMPTS', { headers: { 'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) } });

/**
 * Sign-in brute-force protection, in the shared rateLimits collection (all API processes count
 * together; every counter expires, so random e-mails cannot grow it without bound). The e-mail
 * counts whether an account has it or not, so refusals reveal nothing.
 *
 * - Per client and e-mail: each attempt is counted atomically *before* the password is checked
 *   (a success takes it back), so a burst gets exactly `maxFailures` guesses; then that client is
 *   refused for that e-mail until `lockoutMs` after its last attempt. Another client is not.
 * - Per e-mail, all clients: past `accountMaxFailures` failures in a window of `lockoutMs`, only
 *   clients that signed in to it within KNOWN_CLIENT_TTL_MS get through. A many-IP guesser is
 *   held to that many guesses per window; the real owner on a known client is not locked out.
 * - Per client, all e-mails: `signInLimiter` caps attempts (argon2 work) per IP per window.
 */
export function loginThrottle(policy: ThrottlePolicy) {
  return {
    /** Counts one attempt, or refuses it (429 TOO_MANY_ATTEMPTS with Retry-After); call succeeded() on a right password. */
    async begin(scope: SignInScope, email: string, client: string) {
      const account = `${scope}:${email}`;
      const pairKey = `signin:pair:${client}|${account}`;
      const accountKey = `signin:account:${account}`;
      const knownKey = `signin:known:${client}|${account}`;
      const pair = await incrementWindow(pairKey, policy.lockoutMs, policy.maxFailures);
      if (pair.count > policy.maxFailures) throw tooMany(pair.expiresAt);
      const all = await incrementWindow(accountKey, policy.lockoutMs);
      if (all.count > policy.accountMaxFailures && !(await readWindow(knownKey))) throw tooMany(all.expiresAt);
      return {
        async succeeded() {
          await Promise.all([deleteWindow(pairKey), decrementWindow(accountKey), markWindow(knownKey, KNOWN_CLIENT_TTL_MS)]);
        },
      };
    },
  };
}
export type LoginThrottle = ReturnType<typeof loginThrottle>;

/** The client key of an IP (IPv6 by /56 subnet, as express-rate-limit keys them). */
export const clientKey = (ip: string | undefined) => ipKeyGenerator(ip ?? 'unknown');

/** Sign-in attempts per client IP per window, right or wrong (each costs argon2 work): 429 RATE_LIMITED past it. */
export function signInLimiter(scope: SignInScope, options: { windowMs: number; limit: number }) {
  return limiter({ ...options, key: (req) => `signin:${scope}:${clientKey(req.ip)}` });
}
