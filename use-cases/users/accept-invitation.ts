import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { CredentialModel, InvitationModel } from '../../data/models/index.js';
import { domainError, type DomainErrorCode } from '../../domain/errors.js';
import { registerRejections } from '../../domain/lifecycle.js';
import { hashPassword } from '../../security/passwords.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { unusableBecause, usableInvitation } from './invitation-links.js';

const rejectionCodes = new Set<string>(Object.values(registerRejections));

/**
 * How long a submission holds its link. Longer than any register Update takes; a claim left by an
 * API process that died mid-submission lapses after it, so the link becomes usable again.
 */
const CLAIM_LIFETIME_MS = 2 * 60_000;

/**
 * The form submission. Of several submissions of one link at once (a double click, a client retry)
 * exactly one goes on: it claims the invitation atomically in MongoDB before writing anything, and
 * the others are refused INVITATION_USED having changed nothing. The winner adds its password's
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
    throw domainError((current && unusableBecause(current)) ?? registerRejections.used);
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
      throw domainError(type && rejectionCodes.has(type) ? (type as DomainErrorCode) : 'INVITATION_NOT_ACTIVE');
    }
    if (error instanceof WorkflowNotFoundError) {
      outcome = 'refused';
      throw domainError('INVITATION_NOT_ACTIVE');
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
