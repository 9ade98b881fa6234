import { WorkflowNotFoundError } from '@temporalio/client';
import { InvitationModel, UserModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findInvitation, type InvitationRecord } from './invitation-links.js';

/** An expired link: closed at its expiry, or past it and not yet closed by the workflow. */
function hasExpired(invitation: InvitationRecord) {
  if (invitation.consumedAt) return false;
  if (invitation.closedReason) return invitation.closedReason === 'expired';
  return invitation.expiresAt.getTime() <= Date.now();
}

/**
 * "Send me a new link" from an expired one. The answer never depends on the token's state (the
 * route answers the same 202 whatever happens here), so it tells nothing about accounts.
 * A new invitation goes out only for the user's latest link, expired, that was sent to the
 * user's current address, while the user is still awaiting registration, and at most once per
 * `cooldownMs` per user. A superseded, used or revoked link, or one sent to another address (a
 * typo fixed since), sends nothing: whoever holds such a link cannot mail the user nor kill the
 * user's newest link.
 */
export async function renewInvitation(lifecycle: LifecycleClient, token: string, cooldownMs: number) {
  const invitation = await findInvitation(token);
  if (!invitation || !hasExpired(invitation)) return;
  const user = await UserModel.findById(invitation.userId, { status: 1, email: 1 }).lean();
  if (!user || (user.status !== 'expired' && user.status !== 'invited')) return;
  if (!user.email || normalizeEmail(invitation.email) !== normalizeEmail(user.email)) return;
  const latest = await InvitationModel.findOne({ userId: invitation.userId }, { _id: 1 }).sort({ createdAt: -1, _id: -1 }).lean();
  if (latest?._id !== invitation._id) return;
  // The per-user cool-down, taken atomically: of simultaneous renewals one sends.
  const now = new Date();
  const claimed = await UserModel.updateOne(
    { _id: user._id, $or: [{ renewRequestedAt: null }, { renewRequestedAt: { $lte: new Date(now.getTime() - cooldownMs) } }] },
    { $set: { renewRequestedAt: now } },
    { timestamps: false },
  );
  if (claimed.modifiedCount === 0) return;
  await lifecycle.resend(String(user._id)).catch((error: unknown) => {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  });
}
