import { z } from 'zod';

/**
 * Login e-mails are compared case-insensitively everywhere. We store them lowercased behind a
 * plain unique index, so an exact-match lookup uses the index and no collation is needed.
 */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be a valid e-mail address' }))
  .transform(normalizeEmail);
