import { z } from 'zod';
import type { Locale } from './locale.js';

/**
 * Why an e-mail did not reach a person, in words an office administrator reads ("caixa postal
 * inexistente"), for the SMTP server's refusals and the e-mail providers' reports alike. A user's
 * `lastEmailError` is `<reason>: <detail>` when a provider reported it (use-cases/email-events),
 * or the SMTP server's own answer when it refused the address while sending; `emailFailureOf`
 * reads both, so the console, the tracker and the API show the same words.
 */
export const emailFailureReasons = [
  'mailboxDoesNotExist',
  'domainDoesNotExist',
  'mailboxFull',
  'messageTooLarge',
  'blocked',
  'markedAsSpam',
  'suppressed',
  'addressRejected',
  'undeliverable',
] as const;
export const emailFailureReasonSchema = z.enum(emailFailureReasons);
export type EmailFailureReason = z.infer<typeof emailFailureReasonSchema>;

/** What each reason means to a person; docs/email-providers.md lists the same words. */
export const emailFailureTexts: Record<EmailFailureReason, Record<Locale, string>> = {
  mailboxDoesNotExist: { en: 'mailbox does not exist', 'pt-BR': 'caixa postal inexistente' },
  domainDoesNotExist: { en: 'the e-mail domain does not exist', 'pt-BR': 'domínio do e-mail inexistente' },
  mailboxFull: { en: 'mailbox full', 'pt-BR': 'caixa postal cheia' },
  messageTooLarge: { en: 'message too large for the mailbox', 'pt-BR': 'mensagem grande demais para a caixa postal' },
  blocked: { en: "blocked by the recipient's mail server", 'pt-BR': 'bloqueado pelo servidor de e-mail do destinatário' },
  markedAsSpam: { en: 'marked as spam', 'pt-BR': 'marcado como spam' },
  suppressed: {
    en: 'the e-mail provider no longer sends to this address (an earlier bounce or complaint)',
    'pt-BR': 'o provedor de e-mail não envia mais para este endereço (devolução ou reclamação anterior)',
  },
  addressRejected: { en: 'address refused by the mail server', 'pt-BR': 'endereço recusado pelo servidor de e-mail' },
  undeliverable: { en: 'could not be delivered', 'pt-BR': 'não pôde ser entregue' },
};

export const emailFailureText = (reason: EmailFailureReason, locale: Locale) => emailFailureTexts[reason][locale];

/** Details beyond this are cut: a provider's diagnostic is a line, not a document. */
export const EMAIL_FAILURE_DETAIL_MAX = 300;

/** A user's `lastEmailError` for a provider's report: the stable reason first, then the provider's words. */
export function emailFailureError(reason: EmailFailureReason, detail: string) {
  const line = detail.replace(/\s+/g, ' ').trim().slice(0, EMAIL_FAILURE_DETAIL_MAX);
  return line ? `${reason}: ${line}` : reason;
}

/**
 * A reason from an SMTP answer or a delivery status notification: its enhanced status code
 * (RFC 3463: X.1.1 bad mailbox, X.1.2 bad domain, X.2.2 mailbox full, X.3.4/X.2.3 too big, X.7.x
 * policy), else words the big receivers use, else the class of the basic code.
 */
export function reasonFromDiagnostic(text: string): EmailFailureReason {
  const enhanced = /\b[245]\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  if (enhanced) {
    const [subject, detail] = [Number(enhanced[1]), Number(enhanced[2])];
    if (subject === 1 && (detail === 1 || detail === 10 || detail === 6)) return 'mailboxDoesNotExist';
    if (subject === 1 && detail === 2) return 'domainDoesNotExist';
    if (subject === 2 && detail === 2) return 'mailboxFull';
    if ((subject === 3 && detail === 4) || (subject === 2 && detail === 3)) return 'messageTooLarge';
    if (subject === 7) return 'blocked';
    if (subject === 1) return 'addressRejected';
  }
  if (/(no such|unknown|invalid) (user|recipient|mailbox)|user unknown|does not exist|mailbox (unavailable|not found)/i.test(text))
    return 'mailboxDoesNotExist';
  if (/over ?quota|mailbox (is )?full|insufficient storage/i.test(text)) return 'mailboxFull';
  if (/spam|blocked|blacklist|block ?list|policy/i.test(text)) return 'blocked';
  if (/\b5\d\d\b/.test(text)) return 'addressRejected';
  return 'undeliverable';
}

export const emailFailureSchema = z
  .object({
    reason: emailFailureReasonSchema,
    detail: z.string().meta({ description: "The mail server's or the provider's own words" }),
    text: z.object({ en: z.string(), 'pt-BR': z.string() }).meta({ description: 'The reason in words for people' }),
  })
  .meta({ id: 'EmailFailure' });
export type EmailFailure = z.infer<typeof emailFailureSchema>;

/** What a user's `lastEmailError` means: the reason (stated by a provider's report, or read from the SMTP answer), its detail and its words. */
export function emailFailureOf(lastEmailError: string | null | undefined): EmailFailure | null {
  if (!lastEmailError) return null;
  const stated = /^([A-Za-z]+)(?::\s?([\s\S]*))?$/.exec(lastEmailError);
  const known = stated && (emailFailureReasons as readonly string[]).includes(stated[1]!) ? (stated[1] as EmailFailureReason) : null;
  const reason = known ?? reasonFromDiagnostic(lastEmailError);
  const detail = known ? (stated?.[2] ?? '') : lastEmailError;
  return { reason, detail, text: emailFailureTexts[reason] };
}
