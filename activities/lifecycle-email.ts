import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { EmailLogModel, UserModel } from '../data/models/index.js';
import { invitationToken, registrationPath } from '../security/invitation-token.js';
import type { Locale } from '../domain/locale.js';
import type { ActivityDeps } from './deps.js';
import { renderEmail, type TemplateName } from './email-templates/render.js';

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

const senderAddress = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

export function lifecycleEmailActivities({ mailer, mailFrom, publicUrl, tokenSecret, now }: ActivityDeps) {
  const messageIdDomain = senderAddress(mailFrom).split('@')[1] ?? 'localhost';
  const messageIdFor = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${messageIdDomain}>`;

  return {
    /**
     * Sends one lifecycle e-mail at most once per idempotency key. The log record is checked
     * first, so a retried activity (or a replayed workflow after a worker crash) sends nothing
     * once the first send is recorded; the Message-ID is derived from the key, so even a send
     * repeated from the narrow window before the record is recognisable as the same message.
     */
    async sendLifecycleEmail(request: LifecycleEmailRequest) {
      const logged = await EmailLogModel.findById(request.key).lean();
      if (logged?.status === 'sent') return { messageId: logged.messageId, to: logged.to, alreadySent: true };
      if (logged?.status === 'rejected') throw ApplicationFailure.nonRetryable(logged.error ?? 'address rejected', 'EmailRejected');

      const user = await UserModel.findById(request.userId, { name: 1, email: 1, locale: 1, tenantId: 1 }).lean();
      if (!user?.email) throw ApplicationFailure.nonRetryable(`user ${request.userId} has no login e-mail`, 'EmailRejected');

      const locale = user.locale as Locale;
      const about = request.aboutUserId ? await UserModel.findById(request.aboutUserId, { name: 1, email: 1 }).lean() : null;
      const registrationUrl = request.invitationId ? publicUrl + registrationPath(invitationToken(tokenSecret, request.invitationId)) : undefined;
      const rendered = renderEmail(request.template, locale, {
        userName: user.name,
        tenantName: request.tenantName,
        email: user.email,
        sender: senderAddress(mailFrom),
        registrationUrl,
        expiresAt: request.expiresAt === undefined ? undefined : new Date(request.expiresAt),
        signInUrl: `${publicUrl}/sign-in`,
        reminderNumber: request.reminderNumber,
        syncDelayMs: request.syncDelayMs,
        about: about ? { name: about.name, email: about.email ?? '' } : undefined,
      });
      const messageId = messageIdFor(request.key);

      // One write per attempt, after it: the log says what happened, and a `sent` record is what stops a resend.
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
      try {
        await mailer.sendMail({ from: mailFrom, to: user.email, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = isPermanentRejection(error) ? 'rejected' : 'sending';
        await EmailLogModel.updateOne({ _id: request.key }, { $set: { ...record, status, error: message }, $inc: { attempts: 1 } }, { upsert: true });
        if (status === 'rejected') throw ApplicationFailure.nonRetryable(message, 'EmailRejected');
        throw error;
      }
      await EmailLogModel.updateOne(
        { _id: request.key },
        { $set: { ...record, status: 'sent', sentAt: now(), error: null }, $inc: { attempts: 1 } },
        { upsert: true },
      );
      return { messageId, to: user.email, alreadySent: false };
    },
  };
}
