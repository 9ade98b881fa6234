import { Types, type Model } from 'mongoose';
import { recordAudit } from '../data/audit-events.js';
import { scopeWhere } from '../data/tenant-scope.js';
import { CLI_ACTOR, type Actor } from '../domain/actor.js';
import type { TenantScope } from '../domain/tenant-scope.js';

/** The operator's way to name a secret: its id, or the prefix the CLI and the console print. */
const byIdOrPrefix = (idOrPrefix: string) =>
  Types.ObjectId.isValid(idOrPrefix) && idOrPrefix.length === 24 ? { _id: new Types.ObjectId(idOrPrefix) } : { prefix: idOrPrefix };

interface SecretKind<R, V> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API keys' or SCIM tokens' model
  model: Model<any>;
  /** The field holding the secret's hash, never read here. */
  hashField: 'keyHash' | 'tokenHash';
  /** The audit trail's entity type: `apiKey`, `scimToken`. */
  entityType: string;
  toView: (record: R) => V & { id: string; tenantId?: string | null };
}

/**
 * Revokes (stamps `revokedAt` on) each active API key or SCIM token matching `where`, auditing
 * each one. Conditional on still being active: of two revocations at once, one changes and is
 * audited. Returns the secrets revoked, as they are now.
 */
async function revokeBearerSecrets<R, V>(kind: SecretKind<R, V>, where: Record<string, unknown>, actor: Actor) {
  const projection = { [kind.hashField]: 0 };
  const revoked: V[] = [];
  for (const secret of await kind.model.find({ ...where, revokedAt: null }, projection).lean<R[]>()) {
    const before = kind.toView(secret);
    const updated = await kind.model
      .findOneAndUpdate({ _id: before.id, revokedAt: null }, { $set: { revokedAt: new Date() } }, { returnDocument: 'after', projection })
      .lean<R>();
    if (!updated) continue;
    const after = kind.toView(updated);
    await recordAudit(actor, `${kind.entityType}.revoked`, { type: kind.entityType, id: after.id, tenantId: after.tenantId ?? null }, { before, after });
    revoked.push(after);
  }
  return revoked;
}

/**
 * The two ways to revoke a kind of secret: the CLI's, by id or printed prefix (how many were
 * revoked), and the console's, one by id (the secret as it is now; revoking a revoked one changes
 * nothing and answers it as it is).
 */
export function revocations<R, V>(kind: SecretKind<R, V>, findOrFail: (scope: TenantScope, id: string) => Promise<V>) {
  return {
    /** The command line's: the platform's operator. */
    revoke: async (idOrPrefix: string, actor: Actor = CLI_ACTOR) => (await revokeBearerSecrets(kind, byIdOrPrefix(idOrPrefix), actor)).length,
    /** NOT_FOUND for a secret out of the scope; an office revokes its own. */
    async revokeById(scope: TenantScope, id: string, actor: Actor) {
      await findOrFail(scope, id);
      await revokeBearerSecrets(kind, { ...byIdOrPrefix(id), ...scopeWhere(scope) }, actor);
      return findOrFail(scope, id);
    },
  };
}
