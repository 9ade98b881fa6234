import { hash, verify } from '@node-rs/argon2';

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
