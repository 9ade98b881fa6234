import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { activityInfo, ApplicationFailure, log } from '@temporalio/activity';
import { EmailLogModel, TenantModel, UserModel } from '../data/models/index.js';
import { invitationToken, registrationPath } from '../security/invitation-token.js';
import { brandedFrom } from '../domain/branding.js';
import type { Locale } from '../domain/locale.js';
import type { ActivityDeps } from './deps.js';
import { renderEmail, type TemplateName } from './email-templates/render.js';
import { countEmail } from './metrics.js';
import { POSTMARK_METADATA_HEADER, providerMessageIdFrom } from './provider-message-id.js';

export interface LifecycleEmailRequest {
  /** Idempotency key: one e-mail per key, ever. */
  key: string;
  template: TemplateName;
  userId: string;
  tenantName: string;
  invitationId?: string;
  expiresAt?: number;
  accessAt?: number;
  reminderNumber?: number;
  /** How long access takes after registration, for the invitation's "first sign-in" sentence. */
  syncDelayMs?: number;
  /** An e-mail to `userId` about another user (the login link reminder to the supervisor). */
  aboutUserId?: string;
}

/** An address refused for good (5xx on the recipient): retrying cannot help, an admin must fix it. */
export function isPermanentRejection(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/**
 * Whether a failed send may still have reached the server: unless it answered with a code (a
 * refusal) or was never connected to, the message may have been taken before the connection broke.
 */
export function mayHaveBeenAccepted(error: unknown): boolean {
  const { responseCode, message } = error as { responseCode?: number; message?: string };
  return typeof responseCode !== 'number' && !/ECONNREFUSED/.test(message ?? '');
}

/** Left of the e-mail activity's start-to-close timeout when an attempt no longer starts a send, nor retries its `sent` write. */
const RECORD_SENT_MARGIN_MS = 2_000;

const senderAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

export function lifecycleEmailActivities({ mailer, mailFrom, publicUrl, signInUrl, tokenSecret, now }: ActivityDeps) {
  const messageIdDomain = senderAddress(mailFrom).split('@')[1] ?? 'localhost';
  const messageIdFor = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${messageIdDomain}>`;

  return {
    /**
     * Sends one lifecycle e-mail once per idempotency key. The log record is checked first, so a
     * retried activity (or a replayed workflow after a worker crash) sends nothing once the first
     * send is recorded. SMTP has no way to ask the server "did you take it?", so one window
     * remains: from the server's acceptance (its 250 to DATA) until the `sent` record reaches
     * MongoDB. An attempt that dies there (worker killed) leaves the record `sending` with
     * `sendingSince` set, and the retry sends the message again with the same Message-ID (derived
     * from the key), which receivers treat as the same message; it counts as an in-doubt resend.
     * The window is kept to the one small write: the record is written before the transaction,
     * and that write is retried through a MongoDB outage instead of failing the attempt.
     */
    async sendLifecycleEmail(request: LifecycleEmailRequest) {
      const attemptStartedAt = Date.now();
      const logged = await EmailLogModel.findById(request.key).lean();
      if (logged?.status === 'sent') return { messageId: logged.messageId, to: logged.to, alreadySent: true };
      if (logged?.status === 'rejected') throw ApplicationFailure.nonRetryable(logged.error ?? 'address rejected', 'EmailRejected');

      const user = await UserModel.findById(request.userId, { name: 1, email: 1, locale: 1, tenantId: 1 }).lean();
      if (!user?.email) {
        countEmail(request.template, 'rejected');
        throw ApplicationFailure.nonRetryable(`user ${request.userId} has no login e-mail`, 'EmailRejected');
      }

      const locale = user.locale as Locale;
      const about = request.aboutUserId ? await UserModel.findById(request.aboutUserId, { name: 1, email: 1 }).lean() : null;
      const registrationUrl = request.invitationId ? publicUrl + registrationPath(invitationToken(tokenSecret, request.invitationId)) : undefined;
      const tenant = await TenantModel.findById(user.tenantId, { name: 1, signInUrl: 1, branding: 1 }).lean();
      const branding = tenant?.branding ?? null;
      const rendered = renderEmail(request.template, locale, {
        userName: user.name,
        tenantName: request.tenantName,
        email: user.email,
        sender: senderAddress(mailFrom),
        registrationUrl,
        expiresAt: request.expiresAt === undefined ? undefined : new Date(request.expiresAt),
        // The office's main system when it names one: that is where the person will work.
        signInUrl: tenant?.signInUrl ?? signInUrl ?? `${publicUrl}/sign-in`,
        branding: branding
          ? { logoUrl: branding.logoUrl ?? null, accentColor: branding.accentColor ?? null, supportContact: branding.supportContact ?? null }
          : undefined,
        reminderNumber: request.reminderNumber,
        syncDelayMs: request.syncDelayMs,
        about: about ? { name: about.name, email: about.email ?? '' } : undefined,
      });
      const messageId = messageIdFor(request.key);

      // The token is a secret: the preview shows where the link goes, never the link itself.
      const preview = registrationUrl ? rendered.text.replaceAll(registrationUrl, `${publicUrl}${registrationPath('…')}`) : rendered.text;
      const record = {
        userId: user._id,
        tenantId: user.tenantId,
        to: user.email,
        template: request.template,
        locale,
        subject: rendered.subject,
        messageId,
        preview,
      };
      // An earlier attempt that handed this message over and never learnt the outcome: the server may have it already.
      const inDoubt = logged?.status === 'sending' && logged.sendingSince != null;
      const sendingSince = now();
      await EmailLogModel.updateOne(
        { _id: request.key },
        { $set: { ...record, status: 'sending', sendingSince }, $inc: { attempts: 1, ...(inDoubt ? { inDoubtResends: 1 } : {}) } },
        { upsert: true },
      );
      // Past it, Temporal has given this attempt up and may have started the next: two live attempts could both send.
      const deadline = attemptStartedAt + activityInfo().startToCloseTimeoutMs - RECORD_SENT_MARGIN_MS;
      if (Date.now() >= deadline) {
        await EmailLogModel.updateOne({ _id: request.key, sendingSince }, { $set: { sendingSince: null } });
        throw new Error('this attempt ran out of time before sending; the next attempt sends');
      }
      if (inDoubt) log.warn('Resending an e-mail whose earlier attempt ended without an answer from the SMTP server; same Message-ID', { key: request.key });
      // The provider's id of the message, when its answer carries one: some providers report bounces by it.
      let providerMessageId: string | null;
      try {
        // The office's name as the sender, on the platform's own address (DMARC-aligned); replies go to the office.
        const from = brandedFrom(mailFrom, branding?.senderName ?? request.tenantName);
        const replyTo = branding?.replyTo ?? undefined;
        const info: { response?: unknown } | undefined = await mailer.sendMail({
          from,
          ...(replyTo ? { replyTo } : {}),
          to: user.email,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId,
          headers: { [POSTMARK_METADATA_HEADER]: messageId },
        });
        providerMessageId = providerMessageIdFrom(info?.response);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = isPermanentRejection(error) ? 'rejected' : 'sending';
        countEmail(request.template, status === 'rejected' ? 'rejected' : 'retried');
        const inDoubtAfter = status === 'sending' && mayHaveBeenAccepted(error);
        await EmailLogModel.updateOne({ _id: request.key }, { $set: { status, error: message, ...(inDoubtAfter ? {} : { sendingSince: null }) } });
        if (status === 'rejected') throw ApplicationFailure.nonRetryable(message, 'EmailRejected');
        throw error;
      }
      countEmail(request.template, 'sent');
      // From here until this write lands, a crash means a resend: a MongoDB hiccup must not be one.
      // Retried until shortly before this attempt's start-to-close timeout, after which Temporal may start another.
      const sent = { $set: { status: 'sent', sentAt: now(), error: null, sendingSince: null, ...(providerMessageId ? { providerMessageId } : {}) } };
      for (let pause = 250; ; pause = Math.min(pause * 2, 2_000)) {
        try {
          await EmailLogModel.updateOne({ _id: request.key }, sent);
          break;
        } catch (error) {
          if (Date.now() + pause >= deadline) throw error;
          await sleep(pause);
        }
      }
      return { messageId, to: user.email, alreadySent: false };
    },
  };
}
