import { describe, expect, it } from 'vitest';
import { verifyMailgunSignature } from '../../security/mailgun-signature.js';
import { signMailgun } from '../harness/email-provider-signing.js';

const KEY = 'key-mailgun-signing-key-for-tests';

describe("Mailgun's webhook signature", () => {
  const now = Date.now();
  const seconds = Math.floor(now / 1000);

  it('verifies the HMAC-SHA256 of timestamp + token under the signing key', () => {
    expect(verifyMailgunSignature(KEY, signMailgun(KEY, seconds), now)).toBe('valid');
    // The documentation's sample timestamp and token, checked at that time.
    const signed = signMailgun(KEY, 1529006854, 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0');
    expect(verifyMailgunSignature(KEY, signed, 1529006854_000)).toBe('valid');
  });

  it('refuses another key, a changed token or timestamp, a signature that is not hex', () => {
    const signed = signMailgun(KEY, seconds);
    expect(verifyMailgunSignature('another-signing-key-entirely', signed, now)).toBe('badSignature');
    expect(verifyMailgunSignature(KEY, { ...signed, token: `${signed.token}0` }, now)).toBe('badSignature');
    expect(verifyMailgunSignature(KEY, { ...signed, timestamp: String(seconds + 1) }, now)).toBe('badSignature');
    expect(verifyMailgunSignature(KEY, { ...signed, signature: 'z'.repeat(64) }, now)).toBe('badSignature');
    expect(verifyMailgunSignature(KEY, { ...signed, signature: '' }, now)).toBe('badSignature');
  });

  it('refuses a timestamp more than 5 minutes away, either way', () => {
    expect(verifyMailgunSignature(KEY, signMailgun(KEY, seconds - 4 * 60), now)).toBe('valid');
    expect(verifyMailgunSignature(KEY, signMailgun(KEY, seconds - 6 * 60), now)).toBe('stale');
    expect(verifyMailgunSignature(KEY, signMailgun(KEY, seconds + 6 * 60), now)).toBe('stale');
  });
});
