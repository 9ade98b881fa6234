import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { CredentialModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { hashToken } from '../../security/invitation-token.js';
import { registerRejections } from '../../domain/lifecycle.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
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
 * How long a submission holds its link. Longer than any register Update takes; a claim left by an
 * API process that died mid-submission lapses after it, so the link becomes usable again.
 */
const CLAIM_LIFETIME_MS = 2 * 60_000;

/**
 * The form submission. Of several submissions of one link at once (a double click, a client retry)
 * exactly one goes on: it claims the invitation atomically in MongoDB before writing anything, and
 * the others answer 410 INVITATION_USED having changed nothing. The winner adds its password's
 * argon2id hash as a pending entry keyed by its submission id, then the workflow's register Update
 * (which carries that id, never the hash) decides; the workflow's consumeInvitation makes exactly
 * that entry the user's password. A refused submission removes its own entry and releases its claim.
 */
export async function acceptInvitation(lifecycle: LifecycleClient, token: string, password: string) {
  const { invitation, user } = await usableInvitation(token);
  const userId = String(user._id);
  const submissionId = randomUUID();
  const claimed = await InvitationModel.updateOne(
    {
      _id: invitation._id,
      consumedAt: null,
      closedAt: null,
      $or: [{ claimedBy: null }, { claimedAt: { $lte: new Date(Date.now() - CLAIM_LIFETIME_MS) } }],
    },
    { $set: { claimedBy: submissionId, claimedAt: new Date() } },
  );
  if (claimed.modifiedCount === 0) {
    // Another submission holds the link or it just died: the state as it is now, "used" if still held.
    const current = await InvitationModel.findById(invitation._id).lean();
    throw fail((current && unusableBecause(current)) ?? registerRejections.used);
  }

  let outcome: 'registered' | 'refused' | 'unknown' = 'refused';
  try {
    const passwordHash = await hashPassword(password);
    await CredentialModel.updateOne(
      { _id: user._id },
      { $push: { pending: { $each: [{ submissionId, invitationId: invitation._id, passwordHash, at: new Date() }], $slice: -5 } } },
      { upsert: true },
    );
    outcome = 'unknown';
    const result = await lifecycle.register(userId, { invitationId: invitation._id, submissionId });
    outcome = 'registered';
    return { status: 'registered' as const, registeredAt: new Date(result.registeredAt).toISOString(), accessAt: new Date(result.accessAt).toISOString() };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      outcome = 'refused';
      const type = (error.cause as { type?: string } | undefined)?.type;
      throw fail(type && rejectionCodes.has(type) ? (type as ErrorCode) : 'INVITATION_NOT_ACTIVE');
    }
    if (error instanceof WorkflowNotFoundError) {
      outcome = 'refused';
      throw fail('INVITATION_NOT_ACTIVE');
    }
    throw error;
  } finally {
    // Refused for sure: undo what this submission wrote, and only that. When the outcome is unknown
    // (Temporal unreachable mid-Update) the Update may still be applied: the pending entry stays for
    // the workflow to activate, and the claim lapses after CLAIM_LIFETIME_MS if it never is.
    if (outcome === 'refused') {
      await CredentialModel.updateOne({ _id: user._id }, { $pull: { pending: { submissionId } } });
      await InvitationModel.updateOne({ _id: invitation._id, claimedBy: submissionId }, { $set: { claimedBy: null, claimedAt: null } });
    }
  }
}

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
