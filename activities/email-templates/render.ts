import type { EmailTemplate } from '../../domain/email.js';
import type { Locale } from '../../domain/locale.js';
import { en } from './en.js';
import { ptBR } from './pt-BR.js';
import type { EmailContext, RenderedEmail } from './types.js';

export type TemplateName = EmailTemplate;

const copies = { en, 'pt-BR': ptBR } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Renders one lifecycle e-mail in the user's language, as matching plain-text and HTML parts. */
export function renderEmail(template: TemplateName, locale: Locale, context: EmailContext) {
  const email: RenderedEmail = copies[locale][template](context);
  const text = [...email.paragraphs, ...(email.action ? [`${email.action.label}: ${email.action.url}`] : [])].join('\n\n');
  const button = email.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(email.action.url)}" style="background:#1565c0;color:#fff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:600">${escapeHtml(email.action.label)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;font-size:15px;color:#222;max-width:560px">${email.paragraphs
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('')}${button}</body></html>`;
  return { subject: email.subject, text, html };
}
