/**
 * The password rules: enforced by the API (domain/password.ts builds its schemas on them), shown
 * live on the registration page and in the admins' reset dialog, which import these very
 * functions, so the pages and the server cannot drift apart. No zod here: the registration page's
 * small bundle imports this module alone.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** A letter and a digit, in either order; one expression, so the document states the same rule (passwordSchema). */
export const LETTER_AND_DIGIT = /[A-Za-z][\s\S]*[0-9]|[0-9][\s\S]*[A-Za-z]/;
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
