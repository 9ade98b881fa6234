import { z } from 'zod';
import type { EmailEventKind, ProviderEmailEvent } from '../../domain/email-events.js';
import { reasonFromDiagnostic, type EmailFailureReason } from '../../domain/email-failures.js';

/**
 * Postmark's bounce and spam-complaint webhooks (authenticated with HTTP basic auth:
 * security/basic-auth.ts): one record per request, `RecordType` Bounce or SpamComplaint.
 */
export const postmarkPayloadSchema = z.looseObject({
  RecordType: z.string(),
  ID: z.union([z.number(), z.string()]).optional(),
  Type: z.string().optional(),
  MessageID: z.string().optional(),
  Email: z.string().optional(),
  Description: z.string().optional(),
  Details: z.string().optional(),
  BouncedAt: z.string().optional(),
  Inactive: z.boolean().optional(),
  Metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Bounce types (Postmark's "Bounce webhook" reference) and what they are here; the others are none of ours. */
const bounceTypes: Record<string, { kind: EmailEventKind; reason?: EmailFailureReason }> = {
  HardBounce: { kind: 'hardBounce' },
  BadEmailAddress: { kind: 'hardBounce', reason: 'addressRejected' },
  ManuallyDeactivated: { kind: 'hardBounce', reason: 'suppressed' },
  SpamComplaint: { kind: 'complaint', reason: 'markedAsSpam' },
  SoftBounce: { kind: 'softBounce' },
  Transient: { kind: 'softBounce' },
  DnsError: { kind: 'softBounce', reason: 'domainDoesNotExist' },
  InboxFull: { kind: 'softBounce', reason: 'mailboxFull' },
  Blocked: { kind: 'softBounce', reason: 'blocked' },
  DMARCPolicy: { kind: 'softBounce', reason: 'blocked' },
};

/**
 * The record's ID as written in the body: Postmark's IDs pass 2^53, which JSON.parse rounds, and
 * two reports must not share one.
 */
const exactId = (rawBody: Buffer, parsed: number | string | undefined) =>
  /"ID"\s*:\s*"?(\d+)/.exec(rawBody.toString('utf8'))?.[1] ?? (parsed === undefined ? null : String(parsed));

export function postmarkEvents(record: z.infer<typeof postmarkPayloadSchema>, rawBody: Buffer): ProviderEmailEvent[] {
  if (record.RecordType !== 'Bounce' && record.RecordType !== 'SpamComplaint') return [];
  const type = bounceTypes[record.RecordType === 'SpamComplaint' ? 'SpamComplaint' : (record.Type ?? '')];
  const id = exactId(rawBody, record.ID);
  if (!type || !id) return [];
  // Postmark stops sending to an address it deactivated (Inactive): that is final whatever the type.
  const kind: EmailEventKind = type.kind === 'softBounce' && record.Inactive ? 'hardBounce' : type.kind;
  const detail = [record.Details, record.Description].filter(Boolean).join(' — ');
  const reason = type.reason ?? reasonFromDiagnostic(`${record.Details ?? ''} ${record.Description ?? ''}`);
  const ourMessageId = record.Metadata?.['message-id'];
  return [
    {
      provider: 'postmark',
      eventId: `${record.RecordType}:${id}`,
      kind,
      reason: reason === 'undeliverable' && kind === 'hardBounce' ? 'addressRejected' : reason,
      detail: detail || (record.Type ?? record.RecordType),
      recipient: record.Email ?? null,
      messageId: typeof ourMessageId === 'string' ? ourMessageId : null,
      providerMessageId: record.MessageID ?? null,
      occurredAt: record.BouncedAt && !Number.isNaN(Date.parse(record.BouncedAt)) ? new Date(record.BouncedAt) : null,
    },
  ];
}
