import { z } from 'zod';
import { emailSchema } from './email-address.js';

/**
 * How an office's e-mails and pages look to its people: its name in the sender ("Escritório Silva
 * via Accounts"; the address stays the platform's verified one, so DMARC passes), replies to the
 * office, its logo and colour, and whom to call. An invitation that looks like the office is one
 * people open, instead of one they take for phishing. Each field absent: the platform's default.
 */
export const brandingSchema = z
  .object({
    senderName: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[^"<>@\\\r\n]+$/, 'must be a plain name (no quotes, angle brackets or @)')
      .nullable()
      .optional()
      .meta({ description: 'Shown as the sender, before "via <platform>"; absent: the office\'s name' }),
    replyTo: emailSchema.nullable().optional().meta({ description: "Where replies to the office's e-mails go" }),
    logoUrl: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .max(2_000)
      .nullable()
      .optional()
      .meta({ description: 'A logo (https) shown at the top of e-mails and of the registration page' }),
    accentColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1565c0')
      .nullable()
      .optional()
      .meta({ description: 'The colour of buttons and links' }),
    supportContact: z
      .string()
      .trim()
      .max(200)
      .regex(/^[^<>\r\n]*$/, 'must be one line of plain text')
      .nullable()
      .optional()
      .meta({ description: 'Whom to ask for help, e.g. "(11) 3333-4444 ou suporte@escritorio.com.br"' }),
  })
  .meta({ id: 'Branding' });
export type Branding = z.infer<typeof brandingSchema>;

/** A tenant's branding as answered: every field, null for the platform's default. */
export const brandingView = z
  .object({
    senderName: z.string().nullable(),
    replyTo: z.string().nullable(),
    logoUrl: z.string().nullable(),
    accentColor: z.string().nullable(),
    supportContact: z.string().nullable(),
  })
  .meta({ id: 'BrandingView' });
export type BrandingView = z.infer<typeof brandingView>;

export const noBranding: BrandingView = { senderName: null, replyTo: null, logoUrl: null, accentColor: null, supportContact: null };

/** The platform's colour where the office has none. */
export const DEFAULT_ACCENT = '#1565c0';

/** The From header: the office's name "via" the platform's, on the platform's own address. */
export function brandedFrom(mailFrom: string, officeName: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const platform = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1]?.trim();
  const office = officeName.replace(/["\\\r\n<>]/g, '').trim();
  if (!office) return mailFrom;
  return `"${platform ? `${office} via ${platform}` : office}" <${address}>`;
}
