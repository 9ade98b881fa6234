import { recordAudit } from '../../data/audit-events.js';
import { UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { emailSchema } from '../../domain/email-address.js';
import { DomainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { refreshProblemFlags } from './review-problems.js';
import { findReviewUser } from './review-tenant.js';

/** "Usuário Novo" fixed by the admin. Duplicates are allowed here and shown as problems: the review is where they get fixed. */
export async function fixProposedEmail(scope: TenantScope, tenantId: string, userId: string, rawEmail: string, actor: Actor) {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success)
    throw new DomainError('VALIDATION_FAILED', 'email must be a valid e-mail address', [{ path: 'email', message: 'must be a valid e-mail address' }]);
  const user = await findReviewUser(scope, tenantId, userId);
  const before = user.email ?? user.proposedEmail ?? null;
  // The login is claimed when the update starts; until then nobody holds it.
  await UserModel.updateOne({ _id: user._id }, { $set: { proposedEmail: parsed.data }, $unset: { email: 1 } });
  // Its flag, and its twins' at the address it leaves and at the one it takes (review-problems.ts).
  await refreshProblemFlags(user.tenantId, [before, parsed.data]);
  await recordAudit(
    actor,
    'migration.emailFixed',
    { type: 'user', id: userId, tenantId },
    { before: { proposedEmail: before }, after: { proposedEmail: parsed.data } },
  );
}
