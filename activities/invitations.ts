import { Types } from 'mongoose';
import { hashToken, invitationToken } from '../security/invitation-token.js';
import { isDuplicateKey } from '../data/duplicate-key.js';
import { CredentialModel, InvitationModel, UserModel } from '../data/models/index.js';
import type { ActivityDeps } from './deps.js';

export function invitationActivities({ tokenSecret, now }: ActivityDeps) {
  return {
    /** Stores the hash of the invitation's token. Idempotent: the id is the workflow's. */
    async openInvitation(input: { invitationId: string; userId: string; tenantId: string; expiresAt: number }) {
      const user = await UserModel.findById(input.userId, { email: 1 }).lean();
      if (!user?.email) throw new Error(`user ${input.userId} has no login e-mail`);
      try {
        await InvitationModel.create({
          _id: input.invitationId,
          userId: new Types.ObjectId(input.userId),
          tenantId: new Types.ObjectId(input.tenantId),
          tokenHash: hashToken(invitationToken(tokenSecret, input.invitationId)),
          email: user.email,
          expiresAt: new Date(input.expiresAt),
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },

    /** Kills every open link of the user (resend, change of e-mail, deactivation, expiry). */
    async closeInvitations(input: { userId: string; reason: 'superseded' | 'revoked' | 'expired' }) {
      await InvitationModel.updateMany(
        { userId: new Types.ObjectId(input.userId), closedAt: null, consumedAt: null },
        { $set: { closedAt: now(), closedReason: input.reason } },
      );
    },

    /**
     * Marks the link used and makes the password of the accepted submission the user's. Only the
     * pending entry of `submissionId` (the one the workflow accepted) is moved, so a concurrent
     * refused submission can neither be activated nor remove it. Idempotent: once moved, the
     * entry is gone. Without `submissionId` (an Update sent before submissions had ids), the
     * password stored directly with the invitation is activated, as before.
     */
    async consumeInvitation(input: { invitationId: string; userId: string; submissionId?: string }) {
      const at = now();
      const userId = new Types.ObjectId(input.userId);
      await InvitationModel.updateOne({ _id: input.invitationId, consumedAt: null }, { $set: { consumedAt: at } });
      if (!input.submissionId) {
        await CredentialModel.updateOne({ _id: userId, invitationId: input.invitationId, activatedAt: null }, { $set: { activatedAt: at } });
        return;
      }
      const credential = await CredentialModel.findOne({ _id: userId, 'pending.submissionId': input.submissionId }, { pending: 1 }).lean();
      const entry = credential?.pending?.find((pending) => pending.submissionId === input.submissionId && pending.invitationId === input.invitationId);
      if (!entry) return;
      await CredentialModel.updateOne(
        { _id: userId, 'pending.submissionId': input.submissionId },
        {
          $set: { passwordHash: entry.passwordHash, invitationId: input.invitationId, activatedAt: at, failedAttempts: 0, lockedUntil: null },
          $pull: { pending: { submissionId: input.submissionId } },
        },
      );
    },
  };
}
