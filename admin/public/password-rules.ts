/**
 * The password rules the API enforces (api/passwords.ts `passwordSchema`), shown to the user
 * while typing. The server checks again; keep both in step.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function passwordChecks(password: string, confirmation: string) {
  return {
    length: password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH,
    lettersAndDigits: /[A-Za-z]/.test(password) && /\d/.test(password),
    match: password.length > 0 && password === confirmation,
  };
}
