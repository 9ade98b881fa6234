import { recordAudit } from '../../data/audit-events.js';
import { reviewChanged } from '../../data/migration-review.js';
import { UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { refreshProblemFlags } from './review-problems.js';
import { findReviewUser } from './review-tenant.js';

/** Excludes a user from the migration (the review's "inactivate"), or includes them again. No lifecycle exists yet. */
export async function setExcluded(scope: TenantScope, tenantId: string, userId: string, excluded: boolean, actor: Actor) {
  const user = await findReviewUser(scope, tenantId, userId);
  const status = excluded ? 'inactive' : 'staged';
  if (user.status === status) return;
  await UserModel.updateOne({ _id: user._id }, { $set: { status, statusChangedAt: new Date(), deactivatedAt: excluded ? new Date() : null } });
  await reviewChanged(user.tenantId);
  // An inactivated user is no one's duplicate any more, and has no problem to fix; one included again may have both.
  await refreshProblemFlags(user.tenantId, [], [{ ...user, status }]);
  await recordAudit(
    actor,
    excluded ? 'migration.userInactivated' : 'migration.userIncluded',
    { type: 'user', id: userId, tenantId },
    { before: { status: user.status }, after: { status } },
  );
}
