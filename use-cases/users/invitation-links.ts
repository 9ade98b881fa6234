import { InvitationModel, UserModel } from '../../data/models/index.js';
import { domainError, type DomainErrorCode } from '../../domain/errors.js';
import { registerRejections } from '../../domain/lifecycle.js';
import { hashToken } from '../../security/invitation-token.js';

export type InvitationRecord = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

/** The invitation a link's token opens; only the token's hash is stored. */
export const findInvitation = (token: string) => InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();

/** Why a link cannot be used, with the same codes the register Update rejects with. */
export function unusableBecause(invitation: InvitationRecord): DomainErrorCode | null {
  if (invitation.consumedAt) return registerRejections.used;
  if (invitation.closedReason === 'superseded') return registerRejections.superseded;
  if (invitation.closedReason === 'revoked') return registerRejections.wrongState;
  if (invitation.closedReason === 'expired' || invitation.expiresAt.getTime() <= Date.now()) return registerRejections.expired;
  return null;
}

/** The invitation and its user, when the link can be used now; else the reason it cannot. */
export async function usableInvitation(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) throw domainError('INVITATION_NOT_FOUND');
  const problem = unusableBecause(invitation);
  if (problem) throw domainError(problem);
  const user = await UserModel.findById(invitation.userId).lean();
  if (!user) throw domainError('INVITATION_NOT_FOUND');
  return { invitation, user };
}
