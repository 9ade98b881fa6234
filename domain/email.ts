/**
 * The e-mails the service sends and what becomes of each: one vocabulary for the activity that
 * sends them, the e-mail log, the API and the console's filters.
 */
export const emailTemplates = ['invitation', 'reminder', 'accessReady', 'loginLinkReminder'] as const;
export type EmailTemplate = (typeof emailTemplates)[number];
export const emailStatuses = ['sending', 'sent', 'rejected'] as const;
export type EmailStatus = (typeof emailStatuses)[number];
