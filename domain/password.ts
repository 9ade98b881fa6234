import { z } from 'zod';

/**
 * The password rules: enforced by the API, shown live on the registration page (which imports
 * these very functions, so the page and the server cannot drift apart).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const hasLettersAndDigits = (password: string) => /[A-Za-z]/.test(password) && /\d/.test(password);

/** What the registration page ticks off while the user types. */
export function passwordChecks(password: string, confirmation: string) {
  return {
    length: password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH,
    lettersAndDigits: hasLettersAndDigits(password),
    match: password.length > 0 && password === confirmation,
  };
}

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `must have at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `must have at most ${PASSWORD_MAX_LENGTH} characters` })
  .refine(hasLettersAndDigits, { error: 'must contain letters and digits' });
