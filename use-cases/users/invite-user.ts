import { recordAudit } from '../../data/audit-events.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { startLifecycle } from './start-lifecycle.js';
import { toUserView } from './user-view.js';

/** Starts the lifecycle of a user created with `sendInvitation: false`: the first invitation goes out. Idempotent. */
export async function inviteUser(lifecycle: LifecycleClient, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  await startLifecycle(lifecycle, user);
  await recordAudit(actor, 'user.invite', { type: 'user', id: userId, tenantId: String(user.tenantId) });
  return toUserView(user);
}
