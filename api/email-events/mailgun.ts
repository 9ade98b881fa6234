import { z } from 'zod';
import type { ProviderEmailEvent } from '../../domain/email-events.js';
import { reasonFromDiagnostic, type EmailFailureReason } from '../../domain/email-failures.js';

/**
 * Mailgun's webhooks: `{ signature: { timestamp, token, signature }, "event-data": {…} }` (signed:
 * security/mailgun-signature.ts). Taken: `failed` (severity permanent: hard; temporary: soft) and
 * `complained`.
 */
export const mailgunSignatureSchema = z.object({
  timestamp: z.union([z.string(), z.number()]).transform(String),
  token: z.string().min(1).max(200),
  signature: z.string().max(200),
});

export const mailgunEventDataSchema = z.looseObject({
  event: z.string(),
  id: z.string().min(1).max(200),
  timestamp: z.number().optional(),
  severity: z.string().optional(),
  reason: z.string().optional(),
  recipient: z.string().optional(),
  message: z.looseObject({ headers: z.looseObject({ 'message-id': z.string().optional() }).optional() }).optional(),
  'delivery-status': z.looseObject({ code: z.number().optional(), message: z.string().optional(), description: z.string().optional() }).optional(),
});

/** Mailgun's reasons that say why by themselves: it no longer sends to the address. */
const suppressions: Record<string, EmailFailureReason> = {
  'suppress-bounce': 'suppressed',
  'suppress-complaint': 'suppressed',
  'suppress-unsubscribe': 'suppressed',
};

export function mailgunEvents(data: z.infer<typeof mailgunEventDataSchema>): ProviderEmailEvent[] {
  const common = {
    provider: 'mailgun' as const,
    eventId: data.id,
    recipient: data.recipient ?? null,
    messageId: data.message?.headers?.['message-id'] ?? null,
    providerMessageId: null,
    occurredAt: data.timestamp === undefined ? null : new Date(data.timestamp * 1000),
  };
  if (data.event === 'complained') return [{ ...common, kind: 'complaint', reason: 'markedAsSpam', detail: 'complained' }];
  if (data.event !== 'failed') return [];
  const status = data['delivery-status'];
  const detail = [status?.code, status?.message || status?.description, data.reason].filter((part) => part !== undefined && part !== '').join(' ');
  return [
    {
      ...common,
      kind: data.severity === 'permanent' ? 'hardBounce' : 'softBounce',
      reason: suppressions[data.reason ?? ''] ?? reasonFromDiagnostic(detail),
      detail,
    },
  ];
}
