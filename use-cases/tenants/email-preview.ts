import { renderEmail, type TemplateName } from '../../activities/email-templates/render.js';
import { brandedFrom } from '../../domain/branding.js';
import type { Locale } from '../../domain/locale.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { findTenantView } from './find-tenant.js';

/**
 * An e-mail as the office's people will get it, with sample content: the console's preview of
 * its branding (sender, reply-to, logo, colour, support contact), rendered by the same code the
 * worker sends with.
 */
export async function emailPreview(
  settings: { mailFrom: string; publicUrl: string; signInUrl: string },
  scope: TenantScope,
  input: { tenantId: string; template: TemplateName; locale: Locale },
) {
  const tenant = await findTenantView(scope, input.tenantId);
  const sample =
    input.locale === 'pt-BR' ? { userName: 'Ana Souza', email: 'ana.souza@exemplo.com.br' } : { userName: 'Ana Souza', email: 'ana.souza@example.com' };
  const rendered = renderEmail(input.template, input.locale, {
    ...sample,
    tenantName: tenant.name,
    sender: /<([^>]+)>/.exec(settings.mailFrom)?.[1] ?? settings.mailFrom,
    registrationUrl: `${settings.publicUrl}/register/…`,
    expiresAt: new Date(Date.now() + 7 * 86_400_000),
    signInUrl: tenant.signInUrl ?? settings.signInUrl,
    reminderNumber: 1,
    about: { name: 'Bruno Lima', email: 'bruno.lima@example.com' },
    branding: tenant.branding,
  });
  return { from: brandedFrom(settings.mailFrom, tenant.branding.senderName ?? tenant.name), replyTo: tenant.branding.replyTo, ...rendered };
}
