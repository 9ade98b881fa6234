import { describe, expect, it } from 'vitest';
import { SealedSecretUnreadable, secretBox } from '../../webhooks/secret-box.js';
import { newWebhookSecret } from '../../webhooks/signature.js';

const tokenSecret = 'test-secret-test-secret-test-secret-123';

describe('webhook secrets at rest', () => {
  it('seal and open again, under the same TOKEN_SECRET and endpoint', () => {
    const secret = newWebhookSecret();
    const sealed = secretBox(tokenSecret).seal(secret, 'endpoint-1');
    expect(secretBox(tokenSecret).open(sealed, 'endpoint-1')).toBe(secret);
  });

  it('never hold the secret, or its base64 part, in the sealed form; each seal differs', () => {
    const secret = newWebhookSecret();
    const box = secretBox(tokenSecret);
    const [first, second] = [box.seal(secret, 'endpoint-1'), box.seal(secret, 'endpoint-1')];
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const sealed of [first, second]) {
      expect(sealed).not.toContain(secret.slice(6, 20));
      expect(sealed).not.toContain(Buffer.from(secret.slice(6), 'base64').toString('base64url').slice(0, 14));
    }
  });

  it('do not open under another TOKEN_SECRET, for another endpoint, or altered', () => {
    const sealed = secretBox(tokenSecret).seal(newWebhookSecret(), 'endpoint-1');
    expect(() => secretBox('another-secret-another-secret-12345').open(sealed, 'endpoint-1')).toThrow(SealedSecretUnreadable);
    expect(() => secretBox(tokenSecret).open(sealed, 'endpoint-2')).toThrow(SealedSecretUnreadable);
    const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const flipped = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    expect(() => secretBox(tokenSecret).open([version, iv, tag, flipped].join('.'), 'endpoint-1')).toThrow(SealedSecretUnreadable);
    // A truncated tag would weaken GCM: refused, not accepted as a shorter tag.
    expect(() => secretBox(tokenSecret).open([version, iv, tag.slice(0, 6), ciphertext].join('.'), 'endpoint-1')).toThrow(SealedSecretUnreadable);
    expect(() => secretBox(tokenSecret).open('not sealed', 'endpoint-1')).toThrow(SealedSecretUnreadable);
  });
});
