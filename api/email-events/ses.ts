import { z } from 'zod';
import type { ProviderEmailEvent } from '../../domain/email-events.js';
import { reasonFromDiagnostic, type EmailFailureReason } from '../../domain/email-failures.js';

/**
 * Amazon SES notifications through Amazon SNS: the SNS envelope (signed: security/sns-signature.ts)
 * carries SES's bounce or complaint JSON as its `Message` — the notification format
 * (`notificationType`) or the event-publishing one (`eventType`), both documented by SES.
 */
export const snsMessageSchema = z
  .looseObject({
    Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
    MessageId: z.string().min(1).max(200),
    TopicArn: z.string().max(400),
    Message: z.string(),
    Timestamp: z.string().max(40),
    SignatureVersion: z.string().max(4),
    Signature: z.string().max(4096),
    SigningCertURL: z.string().max(2048),
    Subject: z.string().nullable().optional(),
    SubscribeURL: z.string().max(4096).optional(),
    Token: z.string().max(4096).optional(),
    UnsubscribeURL: z.string().max(4096).optional(),
  })
  .refine((message) => message.Type !== 'SubscriptionConfirmation' || message.SubscribeURL, {
    path: ['SubscribeURL'],
    message: 'is required in a SubscriptionConfirmation',
  });
export type SnsEnvelope = z.infer<typeof snsMessageSchema>;

const recipient = z.looseObject({ emailAddress: z.string(), status: z.string().optional(), diagnosticCode: z.string().optional() });
const sesNotificationSchema = z.looseObject({
  notificationType: z.string().optional(),
  eventType: z.string().optional(),
  bounce: z
    .looseObject({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(recipient),
      timestamp: z.string().optional(),
      feedbackId: z.string().optional(),
    })
    .optional(),
  complaint: z
    .looseObject({
      complainedRecipients: z.array(z.looseObject({ emailAddress: z.string() })),
      complaintFeedbackType: z.string().optional(),
      complaintSubType: z.string().nullable().optional(),
      timestamp: z.string().optional(),
      feedbackId: z.string().optional(),
    })
    .optional(),
  mail: z.looseObject({
    messageId: z.string(),
    commonHeaders: z.looseObject({ messageId: z.string().optional() }).optional(),
    headers: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  }),
});

/** SES's bounce subtypes that say why by themselves (docs: "Amazon SES notification contents"). */
const subtypeReasons: Record<string, EmailFailureReason> = {
  NoEmail: 'mailboxDoesNotExist',
  Suppressed: 'suppressed',
  OnAccountSuppressionList: 'suppressed',
  UnsubscribedRecipient: 'suppressed',
  MailboxFull: 'mailboxFull',
  MessageTooLarge: 'messageTooLarge',
  ContentRejected: 'blocked',
  AttachmentRejected: 'blocked',
};

const date = (text: string | undefined) => (text && !Number.isNaN(Date.parse(text)) ? new Date(text) : null);

/** The bounces and complaints of one SES notification, one per recipient; anything else (deliveries, opens, a test message) is none. */
export function sesEvents(envelope: SnsEnvelope): ProviderEmailEvent[] {
  let parsed: z.infer<typeof sesNotificationSchema>;
  try {
    const result = sesNotificationSchema.safeParse(JSON.parse(envelope.Message));
    if (!result.success) return [];
    parsed = result.data;
  } catch {
    return [];
  }
  const { mail, bounce, complaint } = parsed;
  const type = parsed.notificationType ?? parsed.eventType;
  const messageId = mail.commonHeaders?.messageId ?? mail.headers?.find((header) => header.name.toLowerCase() === 'message-id')?.value ?? null;
  const common = { provider: 'ses' as const, messageId, providerMessageId: mail.messageId };
  if (type === 'Bounce' && bounce) {
    const hard = bounce.bounceType === 'Permanent';
    return bounce.bouncedRecipients.map((to) => {
      const detail = to.diagnosticCode ?? [to.status, `${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`].filter(Boolean).join(' ');
      const byDiagnostic = reasonFromDiagnostic(`${to.status ?? ''} ${to.diagnosticCode ?? ''}`);
      return {
        ...common,
        eventId: `${bounce.feedbackId ?? envelope.MessageId}:${to.emailAddress.toLowerCase()}`,
        kind: hard ? 'hardBounce' : 'softBounce',
        reason: subtypeReasons[bounce.bounceSubType ?? ''] ?? (bounce.bounceType === 'Undetermined' ? 'undeliverable' : byDiagnostic),
        detail,
        recipient: to.emailAddress,
        occurredAt: date(bounce.timestamp),
      };
    });
  }
  if (type === 'Complaint' && complaint) {
    // A recipient on the account's suppression list is reported as a complaint without one.
    const suppressed = complaint.complaintSubType === 'OnAccountSuppressionList';
    return complaint.complainedRecipients.map((to) => ({
      ...common,
      eventId: `${complaint.feedbackId ?? envelope.MessageId}:${to.emailAddress.toLowerCase()}`,
      kind: 'complaint',
      reason: suppressed ? 'suppressed' : 'markedAsSpam',
      detail: suppressed ? 'OnAccountSuppressionList' : (complaint.complaintFeedbackType ?? 'complaint'),
      recipient: to.emailAddress,
      occurredAt: date(complaint.timestamp),
    }));
  }
  return [];
}
