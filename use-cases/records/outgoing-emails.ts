import { emailListWhere } from '../../data/email-log.js';
import { EmailLogModel } from '../../data/models/index.js';
import type { EmailLogEntry } from '../../domain/email.js';
import type { EmailDeliveryReport } from '../../domain/email-events.js';
import { readRecords } from './read-records.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

type EmailRecord = {
  _id: string;
  userId: unknown;
  tenantId: unknown;
  to: string;
  template: string;
  locale: string;
  subject: string;
  messageId: string;
  status: string;
  attempts?: number | null;
  error?: string | null;
  sentAt?: Date | null;
  createdAt: Date;
  preview?: string | null;
  providerMessageId?: string | null;
  deliveryReport?: { provider: string; kind: string; reason: string; detail?: string | null; at: Date } | null;
};

export const toEmailView = (email: EmailRecord): EmailLogEntry => ({
  id: email._id,
  userId: String(email.userId),
  tenantId: String(email.tenantId),
  to: email.to,
  template: email.template as EmailLogEntry['template'],
  locale: email.locale,
  subject: email.subject,
  messageId: email.messageId,
  status: email.status as EmailLogEntry['status'],
  attempts: email.attempts ?? 0,
  error: email.error ?? null,
  sentAt: iso(email.sentAt),
  createdAt: email.createdAt.toISOString(),
  preview: email.preview ?? null,
  providerMessageId: email.providerMessageId ?? null,
  deliveryReport: email.deliveryReport
    ? {
        provider: email.deliveryReport.provider as EmailDeliveryReport['provider'],
        kind: email.deliveryReport.kind as EmailDeliveryReport['kind'],
        reason: email.deliveryReport.reason,
        detail: email.deliveryReport.detail ?? '',
        at: email.deliveryReport.at.toISOString(),
      }
    : null,
});

/** The outgoing e-mail log: what was sent to whom, and what became of it. */
export const outgoingEmails = readRecords({ model: EmailLogModel, where: emailListWhere, toView: toEmailView });
