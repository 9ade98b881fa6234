import { z } from 'zod';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { objectIdSchema, roleSchema, userInputSchema, userSchema } from '../../domain/user.js';

export const userView = userSchema.meta({ id: 'User' });
export const userIdParams = z.object({ id: objectIdSchema });

export const newUserSchema = userInputSchema.meta({ id: 'NewUser' });

export const adminNewUserSchema = userInputSchema
  .extend({
    sendInvitation: z.boolean().default(true).meta({ description: 'false: the user stays `staged` with no lifecycle until POST /api/admin/users/{id}/invite' }),
  })
  .meta({ id: 'AdminNewUser' });

/**
 * What the admin's edit form PUTs: react-admin sends the whole record back, so fields the API
 * owns (status, timestamps) are accepted and ignored rather than refused.
 */
export const adminUserUpdateSchema = z
  .object({
    name: userInputSchema.shape.name.optional(),
    email: emailSchema.nullable().optional().meta({ description: 'A new login e-mail kills the old link and sends an invitation to the new address' }),
    legacyUsername: z.string().trim().min(1).max(100).nullable().optional(),
    role: roleSchema.optional(),
    locale: localeSchema.optional(),
  })
  .meta({ id: 'AdminUserUpdate' });

/** PATCH /api/v1/onboardings/{id}: strict, since an integration sends only what changes. */
export const onboardingPatchSchema = z
  .object({
    email: emailSchema.optional(),
    name: userInputSchema.shape.name.optional(),
    locale: localeSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'send at least one of email, name, locale' })
  // Strict, so "at least one property" is "at least one of the three", as the refinement says.
  .meta({ id: 'OnboardingPatch', minProperties: 1 });

export const deactivateSchema = z.object({ reason: z.string().trim().max(500).optional() }).meta({ id: 'DeactivateRequest' });
