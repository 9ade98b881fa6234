import { z } from 'zod';
import { hasLettersAndDigits, LETTER_AND_DIGIT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules.js';

/** The password rules (domain/password-rules.ts) as the API's schemas. */
export { hasLettersAndDigits, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordChecks, type PasswordChecks } from './password-rules.js';

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` })
  .refine(hasLettersAndDigits, { error: 'must contain letters and digits' })
  .meta({ pattern: LETTER_AND_DIGIT.source, description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, with letters and digits` });

/**
 * An admin's reset of a console account's password: either the new password typed twice, or
 * `generate` for one the API makes up and answers once. One object rather than a union, so a
 * refusal names the field to fix.
 */
export const passwordResetSchema = z
  .object({
    generate: z.boolean().optional().meta({ description: 'true: the API generates the password and answers it once' }),
    password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
    passwordConfirmation: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  })
  .superRefine((body, context) => {
    if (body.generate) {
      if (body.password !== undefined) context.addIssue({ code: 'custom', path: ['password'], message: 'leave out when generate is true' });
      return;
    }
    const password = passwordSchema.safeParse(body.password ?? '');
    for (const issue of password.success ? [] : password.error.issues) context.addIssue({ code: 'custom', path: ['password'], message: issue.message });
    if (body.password !== body.passwordConfirmation) context.addIssue({ code: 'custom', path: ['passwordConfirmation'], message: 'must match the password' });
  })
  .meta({ id: 'AdminPasswordReset' });
export type PasswordReset = z.output<typeof passwordResetSchema>;
