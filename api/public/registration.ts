import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Types } from 'mongoose';
import { CredentialModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import { hashToken } from '../../domain/invitation-token.js';
import { registerRejections } from '../../domain/lifecycle.js';
import type { LifecycleClient } from '../../domain/lifecycle-client.js';
import { fail, type ErrorCode } from '../http/error-messages.js';
import { hashPassword } from '../passwords.js';

type InvitationRecord = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

const findInvitation = (token: string) => InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();

/** Why a link cannot be used, with the same codes the register Update rejects with. */
function unusableBecause(invitation: InvitationRecord): ErrorCode | null {
  if (invitation.consumedAt) return registerRejections.used;
  if (invitation.closedReason === 'superseded') return registerRejections.superseded;
  if (invitation.closedReason === 'revoked') return registerRejections.wrongState;
  if (invitation.closedReason === 'expired' || invitation.expiresAt.getTime() <= Date.now()) return registerRejections.expired;
  return null;
}

async function usableInvitation(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) throw fail('INVITATION_NOT_FOUND');
  const problem = unusableBecause(invitation);
  if (problem) throw fail(problem);
  const user = await UserModel.findById(invitation.userId).lean();
  if (!user) throw fail('INVITATION_NOT_FOUND');
  return { invitation, user };
}

/** What the registration page shows. Reading never consumes the link (mail scanners open links). */
export async function invitationDetails(token: string) {
  const { invitation, user } = await usableInvitation(token);
  const tenant = await TenantModel.findById(user.tenantId, { name: 1 }).lean();
  return {
    name: user.name,
    email: invitation.email,
    legacyUsername: user.legacyUsername ?? null,
    tenantName: tenant?.name ?? '',
    locale: user.locale,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

const rejectionCodes = new Set<string>(Object.values(registerRejections));

/**
 * The form submission: the password's argon2id hash is stored first, tied to this invitation, then
 * the workflow's register Update decides. The hash only counts once the workflow consumed the
 * invitation (activities/invitations.ts), and a refused registration puts the old one back.
 */
export async function acceptInvitation(lifecycle: LifecycleClient, token: string, password: string) {
  const { invitation, user } = await usableInvitation(token);
  const userId = String(user._id);
  const previous = await CredentialModel.findById(user._id).lean();
  const passwordHash = await hashPassword(password);
  await CredentialModel.updateOne(
    { _id: user._id },
    { $set: { passwordHash, invitationId: invitation._id, activatedAt: null, failedAttempts: 0, lockedUntil: null } },
    { upsert: true },
  );
  try {
    const result = await lifecycle.register(userId, { invitationId: invitation._id });
    return { status: 'registered' as const, registeredAt: new Date(result.registeredAt).toISOString(), accessAt: new Date(result.accessAt).toISOString() };
  } catch (error) {
    await restoreCredential(user._id, passwordHash, previous as Record<string, unknown> | null);
    if (error instanceof WorkflowUpdateFailedError) {
      const type = (error.cause as { type?: string } | undefined)?.type;
      throw fail(type && rejectionCodes.has(type) ? (type as ErrorCode) : 'INVITATION_NOT_ACTIVE');
    }
    if (error instanceof WorkflowNotFoundError) throw fail('INVITATION_NOT_ACTIVE');
    throw error;
  }
}

/** Only if nobody wrote since: a concurrent, successful submission must keep its password. */
async function restoreCredential(userId: Types.ObjectId, ours: string, previous: Record<string, unknown> | null) {
  if (previous) {
    const { _id, ...fields } = previous;
    await CredentialModel.updateOne({ _id: userId, passwordHash: ours }, { $set: fields });
  } else {
    await CredentialModel.deleteOne({ _id: userId, passwordHash: ours });
  }
}

/**
 * "Send me a new link" from a dead one. The answer never depends on the token's state (the
 * route answers the same 202 whatever happens here), so it tells nothing about accounts.
 * A new invitation goes to the address on file only when the link is really dead and the user
 * is still awaiting registration.
 */
export async function renewInvitation(lifecycle: LifecycleClient, token: string) {
  const invitation = await findInvitation(token);
  if (!invitation || !unusableBecause(invitation) || invitation.consumedAt) return;
  const user = await UserModel.findById(invitation.userId, { status: 1 }).lean();
  if (!user || (user.status !== 'expired' && user.status !== 'invited')) return;
  await lifecycle.resend(String(user._id)).catch((error: unknown) => {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  });
}
