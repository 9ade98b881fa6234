import { z } from 'zod';
import { emailDeliveryReportSchema } from './email-events.js';

/**
 * The e-mails the service sends and what becomes of each: one vocabulary for the activity that
 * sends them, the e-mail log, the API and the console's filters.
 */
export const emailTemplates = ['invitation', 'reminder', 'accessReady', 'loginLinkReminder'] as const;
export type EmailTemplate = (typeof emailTemplates)[number];
export const emailStatuses = ['sending', 'sent', 'rejected'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/** An e-mail of the outgoing log as the admin API answers it. */
export const emailView = z
  .object({
    id: z.string(),
    userId: z.string(),
    tenantId: z.string(),
    to: z.string(),
    template: z.enum(emailTemplates),
    locale: z.string(),
    subject: z.string(),
    messageId: z.string(),
    status: z.enum(emailStatuses),
    attempts: z.number().int(),
    error: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    /** Plain-text body with the registration token cut out. */
    preview: z.string().nullable(),
    providerMessageId: z.string().nullable().meta({ description: "The e-mail provider's own id of the message, from its SMTP answer" }),
    deliveryReport: emailDeliveryReportSchema
      .nullable()
      .meta({ description: 'What the e-mail provider reported after taking it: a hard bounce or complaint, else the last soft bounce; null: nothing' }),
  })
  .meta({ id: 'Email' });
export type EmailLogEntry = z.infer<typeof emailView>;
