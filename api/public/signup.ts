import { z } from 'zod';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { objectIdSchema, userInputSchema } from '../../domain/user.js';
import { ApiError } from '../errors.js';
import { onboard } from '../integration/onboardings.js';
import type { UserLifecycleActions } from '../users/user-actions.js';
import { findTenantOrFail } from '../users/create-user.js';

export const signupSchema = z
  .object({ tenantId: objectIdSchema, name: userInputSchema.shape.name, email: emailSchema, locale: localeSchema.default('en') })
  .meta({ id: 'Signup' });

/**
 * Self-registration from the login screen: the same lifecycle as any user. The caller learns
 * nothing about whether the e-mail was known: a taken address gets the same answer and no e-mail.
 */
export async function signUp(actions: UserLifecycleActions, input: z.output<typeof signupSchema>) {
  await findTenantOrFail(input.tenantId);
  try {
    await onboard(actions, { ...input, role: 'member' }, { type: 'user', id: null, label: input.email });
  } catch (error) {
    if (!(error instanceof ApiError && (error.code === 'EMAIL_TAKEN' || error.code === 'CODE_TAKEN'))) throw error;
  }
}
