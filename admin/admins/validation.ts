import { adminNameSchema } from '../../domain/admin-account';
import { PASSWORD_MIN_LENGTH, passwordChecks } from '../../domain/password';

/** Form checks from the rules the API applies (domain/); the API has the last word. */
export const validateAdminName = (value: unknown) =>
  value && !adminNameSchema.safeParse(value).success ? { message: 'ra.validation.maxLength', args: { max: 200 } } : undefined;

export function validatePassword(value: unknown) {
  if (typeof value !== 'string' || value === '') return undefined;
  const checks = passwordChecks(value, value);
  if (!checks.length) return { message: 'ra.validation.minLength', args: { min: PASSWORD_MIN_LENGTH } };
  return checks.lettersAndDigits ? undefined : 'resources.admins.validation.letters_digits';
}

export const validatePasswordConfirmation = (value: unknown, values: { password?: string }) =>
  value === values.password ? undefined : 'resources.admins.validation.confirmation';
