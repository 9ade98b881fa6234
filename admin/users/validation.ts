import { emailSchema } from '../../domain/email-address';
import { userInputSchema } from '../../domain/user';

/** Form checks from the same zod schemas the API validates with; the API has the last word. */
export const validateEmail = (value: unknown) => (value && !emailSchema.safeParse(value).success ? 'ra.validation.email' : undefined);

export const validateName = (value: unknown) =>
  value && !userInputSchema.shape.name.safeParse(value).success ? { message: 'ra.validation.maxLength', args: { max: 200 } } : undefined;

export const validateCode = (value: unknown) =>
  value === null || value === undefined || value === '' || userInputSchema.shape.code.safeParse(value).success
    ? undefined
    : { message: 'ra.validation.minValue', args: { min: 1 } };
