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
 * Asks the lifecycle to reactivate the user: access comes back, or a new invitation goes out if
 * the user never registered. A user deactivated before any invitation (no lifecycle) is staged again.
 */
export async function reactivateUser(lifecycle: LifecycleClient, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  try {
    await lifecycle.reactivate(userId);
  } catch (error) {
    const neverInvited = user.status === 'inactive' && user.invitedAt === null;
    if (!hasNoLifecycle(error) || !neverInvited) throw hasNoLifecycle(error) ? domainError('NO_LIFECYCLE') : error;
    await UserModel.updateOne({ _id: user._id }, { $set: { status: 'staged', statusChangedAt: new Date(), deactivatedAt: null } });
  }
  await recordAudit(actor, 'user.reactivate', { type: 'user', id: userId, tenantId: String(user.tenantId) }, { before: { status: user.status } });
  return toUserView((await UserModel.findById(user._id).lean()) ?? user);
}
