import { z } from 'zod';

/**
 * Login e-mails are compared case-insensitively everywhere. We store them lowercased behind a
 * plain unique index (works on MongoDB and on FerretDB, which has no collation indexes).
 */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be a valid e-mail address' }))
  .transform(normalizeEmail);
