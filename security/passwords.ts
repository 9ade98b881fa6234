import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordSchema } from '../domain/password.js';

// Algorithm.Argon2id; the package's enum is a `const enum`, which isolatedModules cannot inline.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

/** Verifies, and spends the same time on an unknown account (against a throwaway hash) so timing tells nothing. */
let decoy: Promise<string> | undefined;
export async function verifyPassword(passwordHash: string | null | undefined, password: string) {
  if (!passwordHash) {
    decoy ??= hashPassword('decoy password that never matches');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

// No look-alikes (0/O, 1/l/I), so a password read off the screen is typed right the first time.
const GENERATED_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password an admin hands to a person once: four groups of five (about 115 random bits), which
 * meets the password rules (domain/password.ts) with room to spare.
 */
export function generatePassword() {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if (passwordSchema.safeParse(password).success) return password;
  }
}
