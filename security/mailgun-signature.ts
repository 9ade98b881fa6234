import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Mailgun's webhook signature: the body's `signature` object holds a timestamp (seconds), a
 * random token and the hex HMAC-SHA256 of timestamp + token under the HTTP webhook signing key
 * (MAILGUN_WEBHOOK_SIGNING_KEY). A timestamp more than five minutes from now is refused, and the
 * caller refuses a token seen before with another event (use-cases/email-events), so a captured
 * request cannot be played again later.
 */
export const MAILGUN_MAX_AGE_MS = 5 * 60_000;

export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

export type MailgunVerdict = 'valid' | 'badSignature' | 'stale';

export function verifyMailgunSignature(signingKey: string, { timestamp, token, signature }: MailgunSignature, now = Date.now()): MailgunVerdict {
  const expected = createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'badSignature';
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - seconds * 1000) > MAILGUN_MAX_AGE_MS) return 'stale';
  return 'valid';
}
