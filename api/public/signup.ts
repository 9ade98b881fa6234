import { Types } from 'mongoose';
import { z } from 'zod';
import { TenantModel, UserModel } from '../../data/models/index.js';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { objectIdSchema } from '../../domain/user.js';
import { ApiError } from '../errors.js';
import { createOrFindUser } from '../users/create-user.js';
import { findUserOrFail, type UserLifecycleActions } from '../users/user-actions.js';

/**
 * A person's name and nothing else: the invitation e-mail shows it, so it must not carry a link or
 * a message ("verify at http://…") from our domain to whatever address the caller typed. Letters
 * (any script, with accents), spaces, apostrophes, hyphens and dots; no digits, no '@', no '/' or
 * ':', and no dotted word like "evil.com" (initials such as "J.R.R." pass).
 */
export const signupNameSchema = z
  .string()
  .trim()
  // abort: one message per bad name, the first that applies.
  .min(1, { error: 'must not be empty', abort: true })
  .max(100, { error: 'must be at most 100 characters', abort: true })
  .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u, { error: 'must be a name: letters, spaces, apostrophes, hyphens and dots only', abort: true })
  .refine((name) => !/\p{L}{2}\.\p{L}{2}/u.test(name), { error: 'must be a name, not a web address' });

export const signupSchema = z
  .object({ tenantId: objectIdSchema, name: signupNameSchema, email: emailSchema, locale: localeSchema.default('en') })
  .meta({ id: 'Signup' });

/**
 * Self-registration from the login screen: the same lifecycle as any user, but only for a tenant
 * that opted in (selfSignup) and only for an address nobody has yet. Whatever the case, the
 * caller gets the same answer, so it learns nothing: an unknown tenant, a tenant without
 * self-signup, a taken address, or the address of a staged user (an imported user waiting for the
 * admins' migration) all do nothing and send nothing. A staged user's lifecycle starts only when an
 * admin starts it.
 */
export async function signUp(actions: UserLifecycleActions, input: z.output<typeof signupSchema>) {
  const tenant = await TenantModel.findById(input.tenantId, { selfSignup: 1 }).lean();
  if (!tenant?.selfSignup) return;
  const tenantId = new Types.ObjectId(input.tenantId);
  if (await UserModel.exists({ email: input.email })) return;
  if (await UserModel.exists({ tenantId, proposedEmail: input.email })) return;
  try {
    const { user, created } = await createOrFindUser({ ...input, role: 'member' }, { type: 'user', id: null, label: input.email });
    // Not created: a concurrent request (or an admin) got there first and owns the start.
    if (created) await actions.startLifecycle(await findUserOrFail(user.id));
  } catch (error) {
    if (!(error instanceof ApiError && (error.code === 'EMAIL_TAKEN' || error.code === 'CODE_TAKEN' || error.code === 'UNKNOWN_TENANT'))) throw error;
  }
}
