import { recordAudit } from '../../data/audit-events.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { signalLifecycle } from './lifecycle-signal.js';
import { startLifecycle } from './start-lifecycle.js';
import { toUserView } from './user-view.js';

/**
 * Sends the invitation again: the lifecycle mails a new link and the old one dies. A staged user
 * has no invitation to resend: this starts the lifecycle, which sends the first one.
 */
export async function resendInvitation(lifecycle: LifecycleClient, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  if (user.status === 'staged') await startLifecycle(lifecycle, user);
  else await signalLifecycle(() => lifecycle.resend(userId));
  await recordAudit(actor, 'user.resend', { type: 'user', id: userId, tenantId: String(user.tenantId) });
  return toUserView(user);
}
