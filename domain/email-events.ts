import { z } from 'zod';
import type { EmailFailureReason } from './email-failures.js';

/**
 * What the e-mail providers report about a message after they accepted it (POST
 * /api/v1/email-events/{provider}: api/email-events/), in one vocabulary whatever the provider.
 */
export const emailProviders = ['ses', 'sendgrid', 'postmark', 'mailgun'] as const;
export const emailProviderSchema = z.enum(emailProviders);
export type EmailProvider = z.infer<typeof emailProviderSchema>;

/**
 * A hard bounce or a complaint marks the address failing and stops the reminders; a soft bounce
 * (mailbox full, a temporary block) is recorded in the e-mail log only, since the next e-mail may
 * well arrive.
 */
export const emailEventKinds = ['hardBounce', 'softBounce', 'complaint'] as const;
export type EmailEventKind = (typeof emailEventKinds)[number];
export const isFailingKind = (kind: EmailEventKind) => kind !== 'softBounce';

/** One provider report about one recipient of one message. */
export interface ProviderEmailEvent {
  provider: EmailProvider;
  /** The provider's id of this report: the same on every retry of its delivery, so a replay changes nothing. */
  eventId: string;
  kind: EmailEventKind;
  reason: EmailFailureReason;
  /** The provider's words (a diagnostic code, a description). */
  detail: string;
  recipient: string | null;
  /** The Message-ID header we sent (activities/lifecycle-email.ts derives it from the e-mail's key). */
  messageId: string | null;
  /** The provider's own id of the message, as its SMTP server answered the send (`250 Ok <id>`). */
  providerMessageId: string | null;
  occurredAt: Date | null;
}

/** What the e-mail log keeps of a provider's report (the latest, and the list). */
export const emailDeliveryReportSchema = z
  .object({
    provider: emailProviderSchema,
    kind: z.enum(emailEventKinds),
    reason: z.string(),
    detail: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'EmailDeliveryReport' });
export type EmailDeliveryReport = z.infer<typeof emailDeliveryReportSchema>;

/** A Message-ID as we store it: one id between angle brackets, whatever the provider's spelling. */
export function normalizeMessageId(value: string | null | undefined) {
  const id = value?.trim().replace(/^<|>$/g, '').trim();
  return id ? `<${id}>` : null;
}
