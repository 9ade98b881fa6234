import { recordAudit } from '../../data/audit-events.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { domainError } from '../../domain/errors.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { signalLifecycle } from './lifecycle-signal.js';
import { toUserView } from './user-view.js';

/**
 * The main system confirms it linked the user's login: a lifecycle waiting in `linking` goes
 * on to access. Also accepted while the lifecycle is still on its way there (the request and
 * the confirmation can cross); refused before registration, when there is nothing to link.
 */
export async function confirmLoginLink(lifecycle: LifecycleClient, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  if (user.status !== 'linking' && user.status !== 'registered' && !(user.status === 'active' && user.loginLinkedAt)) {
    throw domainError('LOGIN_LINK_NOT_REQUESTED', { detail: `the user is ${user.status}` });
  }
  if (user.status !== 'active') await signalLifecycle(() => lifecycle.confirmLoginLink(userId));
  await recordAudit(actor, 'user.loginLinkConfirmed', { type: 'user', id: userId, tenantId: String(user.tenantId) }, { before: { status: user.status } });
  return toUserView(user);
}
