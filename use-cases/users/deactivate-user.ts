import { recordAudit } from '../../data/audit-events.js';
import { UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { domainError } from '../../domain/errors.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { hasNoLifecycle } from './lifecycle-signal.js';
import { toUserView } from './user-view.js';

/**
 * Asks the lifecycle to deactivate the user (links die, no more e-mails, sign-in refused); it
 * never writes the status behind the workflow's back, except for a staged user, who has no
 * lifecycle yet: its "inactive" mark is the migration review's (use-cases/migrations/exclude-user.ts).
 */
export async function deactivateUser(lifecycle: LifecycleClient, scope: TenantScope, userId: string, actor: Actor, reason?: string) {
  const user = await findUserOrFail(scope, userId);
  try {
    await lifecycle.deactivate(userId, reason);
  } catch (error) {
    if (!hasNoLifecycle(error) || user.status !== 'staged') throw hasNoLifecycle(error) ? domainError('NO_LIFECYCLE') : error;
    await UserModel.updateOne({ _id: user._id }, { $set: { status: 'inactive', statusChangedAt: new Date(), deactivatedAt: new Date() } });
  }
  await recordAudit(
    actor,
    'user.deactivate',
    { type: 'user', id: userId, tenantId: String(user.tenantId) },
    { before: { status: user.status }, after: { reason: reason ?? null } },
  );
  return toUserView((await UserModel.findById(user._id).lean()) ?? user);
}
