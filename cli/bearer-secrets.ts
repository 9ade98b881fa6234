/** What `api-keys` and `scim-tokens` share: both are bearer secrets (security/bearer-secret.ts), listed and revoked alike. */

interface ListedSecret {
  id: string;
  prefix: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One `list` line: id, prefix, name, then `detail` (who made it, which tenant), dates, and REVOKED for a dead one. */
export function secretLine(secret: ListedSecret, detail: string) {
  const revoked = secret.revokedAt ? `  REVOKED ${secret.revokedAt}` : '';
  return `${secret.id}  ${secret.prefix}…  ${secret.name}${detail}  created ${secret.createdAt}  last used ${secret.lastUsedAt ?? 'never'}${revoked}`;
}

/** `revoke <id or prefix>`: exit 2 without a target, 1 when no active secret matched. */
export async function revokeSecret(target: string | undefined, noun: 'key' | 'token', usage: string, revoke: (target: string) => Promise<number>) {
  if (!target) {
    console.error(`name the ${noun} to revoke\n${usage}`);
    return 2;
  }
  const revoked = await revoke(target);
  console.log(revoked > 0 ? `Revoked ${revoked} ${noun}(s).` : `No active ${noun} with id or prefix "${target}".`);
  return revoked > 0 ? 0 : 1;
}
