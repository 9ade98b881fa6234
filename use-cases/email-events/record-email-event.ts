import { isDuplicateKey } from '../../data/duplicate-key.js';
import { EmailEventModel, EmailLogModel, UserModel } from '../../data/models/index.js';
import { isFailingKind, normalizeMessageId, type ProviderEmailEvent } from '../../domain/email-events.js';
import { emailFailureError } from '../../domain/email-failures.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { hasNoLifecycle } from '../users/lifecycle-signal.js';

export interface EmailEventDeps {
  lifecycle: LifecycleClient;
}

/**
 * What became of a report: `applied` (the lifecycle was told), `recorded` (the e-mail log only),
 * `unmatched` (no e-mail of ours), `duplicate` (seen before: nothing more changes), `replayed`
 * (a Mailgun token already used by another event: refused).
 */
export type EmailEventOutcome = 'applied' | 'recorded' | 'unmatched' | 'duplicate' | 'replayed';

type EmailRecord = { _id: string; userId: unknown; tenantId: unknown; to: string };

/** Our e-mail the report is about: by the Message-ID we sent, else by the id the provider answered the send with. */
async function findEmail(event: ProviderEmailEvent): Promise<EmailRecord | null> {
  const projection = { userId: 1, tenantId: 1, to: 1 };
  const messageId = normalizeMessageId(event.messageId);
  const byMessageId = messageId ? await EmailLogModel.findOne({ messageId }, projection).lean<EmailRecord>() : null;
  if (byMessageId || !event.providerMessageId) return byMessageId;
  return EmailLogModel.findOne({ providerMessageId: event.providerMessageId }, projection).lean<EmailRecord>();
}

/**
 * Claims the report by its provider event id. Answers the earlier claim's outcome when there is
 * one, or `replayed` when the replay token belongs to another report.
 */
async function claim(id: string, event: ProviderEmailEvent, replayToken: string | undefined) {
  if (replayToken) {
    const holder = await EmailEventModel.findOne({ replayToken }, { _id: 1 }).lean();
    if (holder && holder._id !== id) return 'replayed' as const;
  }
  const fields = {
    provider: event.provider,
    kind: event.kind,
    reason: event.reason,
    detail: event.detail,
    recipient: event.recipient,
    messageId: normalizeMessageId(event.messageId),
    providerMessageId: event.providerMessageId,
    occurredAt: event.occurredAt,
    outcome: 'received',
    receivedAt: new Date(),
    ...(replayToken ? { replayToken } : {}),
  };
  try {
    const earlier = await EmailEventModel.findOneAndUpdate({ _id: id }, { $setOnInsert: fields }, { upsert: true, returnDocument: 'before' }).lean();
    return earlier?.outcome ?? null;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Two deliveries of one report at once (the other claimed it), or the token taken meanwhile.
    const earlier = await EmailEventModel.findById(id, { outcome: 1 }).lean();
    return earlier ? earlier.outcome : ('replayed' as const);
  }
}

/**
 * One provider report about one of our e-mails (a bounce or a spam complaint, already verified
 * as the provider's by the caller): listed in the e-mail's log; a hard bounce or a complaint on
 * the user's current address also tells the user's lifecycle, which marks the address failing,
 * stops the reminders and announces `user.email_failed` (workflows/user-lifecycle.ts). The same
 * report again changes nothing: it is keyed by the provider's event id, the log lists it once,
 * and the lifecycle ignores a failure it already shows. A report on an address changed since is
 * kept in the log only.
 */
export async function recordEmailEvent(deps: EmailEventDeps, event: ProviderEmailEvent, options: { replayToken?: string } = {}): Promise<EmailEventOutcome> {
  const id = `${event.provider}:${event.eventId}`;
  const earlier = await claim(id, event, options.replayToken);
  if (earlier === 'replayed') return 'replayed';
  // Handled before: nothing more. One left `received` by a crash is handled again, each step being idempotent.
  if (earlier && earlier !== 'received') return 'duplicate';

  const email = await findEmail(event);
  if (!email) {
    await EmailEventModel.updateOne({ _id: id }, { $set: { outcome: 'unmatched' } });
    return 'unmatched';
  }
  const failing = isFailingKind(event.kind);
  const report = { provider: event.provider, kind: event.kind, reason: event.reason, detail: event.detail, at: event.occurredAt ?? new Date(), eventId: id };
  await EmailLogModel.updateOne({ _id: email._id, 'deliveryReports.eventId': { $ne: id } }, { $push: { deliveryReports: { $each: [report], $slice: -20 } } });
  // The report that counts: a failure, or a soft bounce while nothing worse was reported.
  await EmailLogModel.updateOne(failing ? { _id: email._id } : { _id: email._id, $or: [{ deliveryReport: null }, { 'deliveryReport.kind': 'softBounce' }] }, {
    $set: { deliveryReport: report },
  });

  let outcome: EmailEventOutcome = 'recorded';
  if (failing) {
    const user = await UserModel.findById(email.userId, { email: 1 }).lean();
    if (user?.email && user.email === email.to.toLowerCase()) {
      try {
        await deps.lifecycle.emailFailed(String(email.userId), { emailKey: email._id, error: emailFailureError(event.reason, event.detail) });
        outcome = 'applied';
      } catch (error) {
        if (!hasNoLifecycle(error)) throw error;
      }
    }
  }
  await EmailEventModel.updateOne({ _id: id }, { $set: { outcome, emailKey: email._id, userId: email.userId, tenantId: email.tenantId } });
  return outcome;
}
