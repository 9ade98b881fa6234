import { z } from 'zod';
import { TRIMMED_WHITESPACE } from './trimmed-whitespace.js';

/**
 * Login e-mails are compared case-insensitively everywhere. We store them lowercased behind a
 * plain unique index, so an exact-match lookup uses the index and no collation is needed.
 */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const EMAIL = z.regexes.email;

// The length is checked before the trim, so the documented maxLength (of the text as sent) is the rule.
export const emailSchema = z
  .string()
  .max(254)
  .trim()
  .pipe(z.email({ pattern: EMAIL, error: 'must be a valid e-mail address' }))
  .transform(normalizeEmail)
  // The documented form is the accepted one: zod's e-mail rule, with the whitespace trimmed around it.
  .meta({ pattern: `^${TRIMMED_WHITESPACE}${EMAIL.source.replace(/^\^|\$$/g, '')}${TRIMMED_WHITESPACE}$`, example: 'ana.souza@example.com' });
