import { invitationListWhere } from '../../data/invitations.js';
import { InvitationModel } from '../../data/models/index.js';
import type { InvitationLink } from '../../domain/records.js';
import { readRecords } from './read-records.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

type InvitationRecord = {
  _id: string;
  userId: unknown;
  tenantId: unknown;
  email: string;
  expiresAt: Date;
  consumedAt?: Date | null;
  closedAt?: Date | null;
  closedReason?: string | null;
  createdAt: Date;
};

/** A link as the console shows it: never its token hash; open, or why not any more. */
export function toInvitationView(invitation: InvitationRecord): InvitationLink {
  const state = invitation.consumedAt
    ? 'consumed'
    : invitation.closedReason
      ? (invitation.closedReason as 'superseded' | 'revoked' | 'expired')
      : invitation.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'open';
  return {
    id: invitation._id,
    userId: String(invitation.userId),
    tenantId: String(invitation.tenantId),
    email: invitation.email,
    state,
    expiresAt: invitation.expiresAt.toISOString(),
    consumedAt: iso(invitation.consumedAt),
    closedAt: iso(invitation.closedAt),
    createdAt: invitation.createdAt.toISOString(),
  };
}

/** Users' invitation links, to see which one is alive. */
export const invitationLinks = readRecords({ model: InvitationModel, where: invitationListWhere, toView: toInvitationView });
