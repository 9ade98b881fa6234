import type { EmailTemplate } from '../../domain/email.js';
import { DEFAULT_ACCENT } from '../../domain/branding.js';
import type { Locale } from '../../domain/locale.js';
import { en } from './en.js';
import { ptBR } from './pt-BR.js';
import type { EmailContext, RenderedEmail } from './types.js';

export type TemplateName = EmailTemplate;

const copies = { en, 'pt-BR': ptBR } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Who to ask, in the e-mail's last line, when the office gave a contact. */
const supportLine = {
  en: (office: string, contact: string) => `Questions? Contact ${office}: ${contact}`,
  'pt-BR': (office: string, contact: string) => `Dúvidas? Fale com ${office}: ${contact}`,
};

/** Renders one lifecycle e-mail in the user's language, as matching plain-text and HTML parts, in the office's look. */
export function renderEmail(template: TemplateName, locale: Locale, context: EmailContext) {
  const email: RenderedEmail = copies[locale][template](context);
  const branding = context.branding;
  const support = branding?.supportContact ? supportLine[locale](context.tenantName, branding.supportContact) : null;
  const text = [...email.paragraphs, ...(email.action ? [`${email.action.label}: ${email.action.url}`] : []), ...(support ? [support] : [])].join('\n\n');
  const accent = branding?.accentColor ?? DEFAULT_ACCENT;
  const logo = branding?.logoUrl
    ? `<p><img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(context.tenantName)}" style="max-height:48px;max-width:240px"></p>`
    : '';
  const button = email.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(email.action.url)}" style="background:${accent};color:#fff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:600">${escapeHtml(email.action.label)}</a></p>`
    : '';
  const footer = support ? `<p style="color:#555;font-size:13px;border-top:1px solid #ddd;padding-top:12px">${escapeHtml(support)}</p>` : '';
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;font-size:15px;color:#222;max-width:560px">${logo}${email.paragraphs
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('')}${button}${footer}</body></html>`;
  return { subject: email.subject, text, html };
}
