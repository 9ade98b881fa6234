import { z } from 'zod';

/**
 * The password rules: enforced by the API, shown live on the registration page (which imports
 * these very functions, so the page and the server cannot drift apart).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** A letter and a digit, in either order; one expression, so the document states the same rule (passwordSchema). */
const LETTER_AND_DIGIT = /[A-Za-z][\s\S]*[0-9]|[0-9][\s\S]*[A-Za-z]/;
export const hasLettersAndDigits = (password: string) => LETTER_AND_DIGIT.test(password);

/** What the registration page ticks off while the user types. */
export function passwordChecks(password: string, confirmation: string) {
  return {
    length: password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH,
    lettersAndDigits: hasLettersAndDigits(password),
    match: password.length > 0 && password === confirmation,
  };
}

export type PasswordChecks = ReturnType<typeof passwordChecks>;

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
