import { recordAudit } from '../../data/audit-events.js';
import { InvitationModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { invitationToken, registrationPath } from '../../security/invitation-token.js';
import { findUserOrFail } from './find-user.js';

/**
 * The link of the person's open invitation, for the office to send another way (WhatsApp, say)
 * when the e-mail does not arrive. It is the same link the e-mail holds (the token is derived
 * from the invitation, never stored), so it dies with the invitation; who copied it is audited.
 */
export async function registrationLink(deps: { tokenSecret: string; publicUrl: string }, scope: TenantScope, userId: string, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  const open = await InvitationModel.findOne({ userId: user._id, consumedAt: null, closedAt: null, expiresAt: { $gt: new Date() } }, { _id: 1, expiresAt: 1 })
    .sort({ createdAt: -1 })
    .lean();
  if (!open || user.status !== 'invited') throw domainError('NO_OPEN_INVITATION', { detail: `the user is ${user.status}` });
  await recordAudit(actor, 'user.registrationLinkCopied', { type: 'user', id: userId, tenantId: String(user.tenantId) }, { after: { invitationId: open._id } });
  return { url: deps.publicUrl + registrationPath(invitationToken(deps.tokenSecret, String(open._id))), expiresAt: open.expiresAt.toISOString() };
}
