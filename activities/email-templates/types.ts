export interface EmailContext {
  userName: string;
  tenantName: string;
  email: string;
  sender: string;
  registrationUrl?: string;
  expiresAt?: Date;
  signInUrl: string;
  reminderNumber?: number;
  /** The configured sync delay; absent in requests recorded before it was passed. */
  syncDelayMs?: number;
  /** The user an e-mail to someone else is about (the login link reminder to the supervisor). */
  about?: { name: string; email: string };
  /** The office's look (domain/branding.ts); absent: the platform's. */
  branding?: { logoUrl: string | null; accentColor: string | null; supportContact: string | null };
}

export interface RenderedEmail {
  subject: string;
  /** Paragraphs of plain text; the HTML part is built from the same content. */
  paragraphs: string[];
  action?: { label: string; url: string };
}

export type EmailCopy = {
  invitation(context: EmailContext): RenderedEmail;
  reminder(context: EmailContext): RenderedEmail;
  accessReady(context: EmailContext): RenderedEmail;
  loginLinkReminder(context: EmailContext): RenderedEmail;
};
