import { z } from 'zod';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { TRIMMED_WHITESPACE } from '../../domain/trimmed-whitespace.js';
import { objectIdSchema } from '../../domain/user.js';
import { portableClass } from '../openapi/portable-pattern.js';

// Letters and combining marks as the document spells them (see portableClass).
const LETTER = portableClass(/\p{L}/u);
const MARK = portableClass(/\p{M}/u);

/**
 * A person's name and nothing else: the invitation e-mail shows it, so it must not carry a link or
 * a message ("verify at http://…") from our domain to whatever address the caller typed. Letters
 * (any script, with accents), spaces, apostrophes, hyphens and dots; no digits, no '@', no '/' or
 * ':', and no dotted word like "evil.com" (initials such as "J.R.R." pass).
 */
export const signupNameSchema = z
  .string()
  // abort: one message per bad name, the first that applies. The length is the text's as sent (the documented maxLength).
  .max(100, { error: 'must be at most 100 characters', abort: true })
  .trim()
  .min(1, { error: 'must not be empty', abort: true })
  .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u, { error: 'must be a name: letters, spaces, apostrophes, hyphens and dots only', abort: true })
  .refine((name) => !/\p{L}{2}\.\p{L}{2}/u.test(name), { error: 'must be a name, not a web address' })
  // The same rules for the document, whitespace trimmed around.
  .meta({
    pattern: `^${TRIMMED_WHITESPACE}[${LETTER}][${LETTER}${MARK} '’.-]*${TRIMMED_WHITESPACE}$`,
    not: { pattern: `[${LETTER}]{2}\\.[${LETTER}]{2}` },
  });

export const signupSchema = z
  .object({ tenantId: objectIdSchema, name: signupNameSchema, email: emailSchema, locale: localeSchema.default('en') })
  .meta({ id: 'Signup' });
