import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Endpoint secrets at rest. Unlike API keys they cannot be hashed: the worker needs them to sign.
 * So they are sealed with AES-256-GCM under a key derived from TOKEN_SECRET with HKDF (its own
 * `info`, so the key is independent of the invitation-token HMACs under the same secret). The
 * endpoint's id is bound as associated data: a sealed secret copied onto another endpoint does
 * not open. Changing TOKEN_SECRET makes every sealed secret unreadable (and every open invitation
 * link invalid): endpoints then need new secrets.
 *
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
const VERSION = 'v1';
const KEY_INFO = 'activation-service webhook endpoint secrets v1';

export class SealedSecretUnreadable extends Error {
  constructor() {
    super('the endpoint secret cannot be opened: it was sealed under another TOKEN_SECRET, or altered');
    this.name = 'SealedSecretUnreadable';
  }
}

export function secretBox(tokenSecret: string) {
  const key = Buffer.from(hkdfSync('sha256', tokenSecret, Buffer.alloc(0), KEY_INFO, 32));
  return {
    seal(secret: string, endpointId: string) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(endpointId));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed: string, endpointId: string) {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) throw new SealedSecretUnreadable();
      try {
        // A fixed tag length: GCM would otherwise accept a truncated (weaker) tag.
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
        decipher.setAAD(Buffer.from(endpointId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedSecretUnreadable();
      }
    },
  };
}
export type SecretBox = ReturnType<typeof secretBox>;
