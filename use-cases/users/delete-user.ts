import type { Client } from '@temporalio/client';
import { recordAudit } from '../../data/audit-events.js';
import { CredentialModel, InvitationModel, UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { publishEvent } from '../../webhooks/publish.js';
import { findUserOrFail } from './find-user.js';
import { hasNoLifecycle } from './lifecycle-signal.js';
import { toUserView } from './user-view.js';

export interface DeleteUserDeps {
  temporal: Client;
  lifecycle: LifecycleClient;
  /** The lifecycle task queue, where webhook deliveries (user.deleted) run. */
  taskQueue: string;
}

/**
 * Ends the lifecycle, removes the password and the invitation links, then the user. The
 * e-mail log stays (it records what was sent), the audit trail keeps the fact, and webhook
 * endpoints hear `user.deleted` with the user as it was.
 */
export async function deleteUser({ temporal, lifecycle, taskQueue }: DeleteUserDeps, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  try {
    await lifecycle.end(userId, `user deleted by ${actor.type} ${actor.label ?? actor.id ?? ''}`.trim());
  } catch (error) {
    if (!hasNoLifecycle(error)) throw error;
  }
  await CredentialModel.deleteOne({ _id: user._id });
  await InvitationModel.deleteMany({ userId: user._id });
  await UserModel.deleteOne({ _id: user._id });
  const view = toUserView(user);
  await recordAudit(actor, 'user.deleted', { type: 'user', id: userId, tenantId: view.tenantId }, { before: view });
  // A user is deleted once, so its id keys the event: two deletes racing publish one delivery per endpoint.
  await publishEvent(
    { temporal, taskQueue },
    {
      key: `user.deleted:${userId}`,
      type: 'user.deleted',
      tenantId: view.tenantId,
      data: { userId, tenantId: view.tenantId, email: view.email, name: view.name, code: view.code, externalId: view.externalId, status: view.status },
    },
  );
  return view;
}
