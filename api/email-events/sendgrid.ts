import { z } from 'zod';
import type { ProviderEmailEvent } from '../../domain/email-events.js';
import { reasonFromDiagnostic, type EmailFailureReason } from '../../domain/email-failures.js';

/**
 * SendGrid's Event Webhook: a JSON array of events (signed: security/sendgrid-signature.ts). Taken:
 * `bounce` (type `bounce`: hard; `blocked`: soft), `dropped` (SendGrid will not send to the address:
 * hard) and `spamreport`; every other event (delivered, open, click…) is none of ours here.
 */
export const sendgridEventSchema = z.looseObject({
  email: z.string(),
  event: z.string(),
  sg_event_id: z.string().optional(),
  sg_message_id: z.string().optional(),
  'smtp-id': z.string().optional(),
  timestamp: z.number().optional(),
  reason: z.string().optional(),
  status: z.string().optional(),
  type: z.string().optional(),
  bounce_classification: z.string().optional(),
});
export const sendgridPayloadSchema = z.array(sendgridEventSchema);

/** SendGrid's own reading of a bounce (bounce_classification), where it says why by itself. */
const classificationReasons: Record<string, EmailFailureReason> = {
  'Invalid Address': 'mailboxDoesNotExist',
  Reputation: 'blocked',
  Content: 'blocked',
};

/** Why SendGrid dropped a message: the address is on one of its suppression lists. */
const droppedReason = (reason: string | undefined): EmailFailureReason => (reason === 'Invalid' ? 'addressRejected' : 'suppressed');

export function sendgridEvents(events: z.infer<typeof sendgridPayloadSchema>): ProviderEmailEvent[] {
  return events.flatMap((event): ProviderEmailEvent[] => {
    if (!event.sg_event_id) return [];
    const common = {
      provider: 'sendgrid' as const,
      eventId: event.sg_event_id,
      recipient: event.email,
      messageId: event['smtp-id'] ?? null,
      // sg_message_id is the X-Message-Id SendGrid answered the send with, then `.filter…`.
      providerMessageId: event.sg_message_id?.split('.filter')[0] ?? null,
      occurredAt: event.timestamp === undefined ? null : new Date(event.timestamp * 1000),
    };
    const detail = [event.status, event.reason].filter(Boolean).join(' ');
    switch (event.event) {
      case 'bounce': {
        const blocked = event.type === 'blocked';
        const reason = classificationReasons[event.bounce_classification ?? ''] ?? reasonFromDiagnostic(detail);
        return [{ ...common, kind: blocked ? 'softBounce' : 'hardBounce', reason: blocked && reason === 'undeliverable' ? 'blocked' : reason, detail }];
      }
      case 'dropped':
        return [{ ...common, kind: 'hardBounce', reason: droppedReason(event.reason), detail: event.reason ?? 'dropped' }];
      case 'spamreport':
        return [{ ...common, kind: 'complaint', reason: 'markedAsSpam', detail: 'spamreport' }];
      default:
        return [];
    }
  });
}
