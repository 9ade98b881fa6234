import { z } from 'zod';
import { activationStatuses, activationStatusSchema } from '../../domain/activation-status.js';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { objectIdSchema, roleSchema, userInputSchema, userSchema } from '../../domain/user.js';
import { SYNC_PAGE_DEFAULT, SYNC_PAGE_LIMIT } from '../../use-cases/index.js';
import { queryNumber } from '../http/query-number.js';

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

/** One status or several: repeated (`status=invited&status=active`, as documented) or comma-separated. */
const statusList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(activationStatusSchema).min(1).max(activationStatuses.length),
);

/** GET /api/v1/users: the filters and the cursor paging of a sync walk (use-cases/users/sync-users.ts). */
export const userSyncQuery = z.object({
  tenantId: objectIdSchema.optional().meta({ description: "Only this tenant's users (an office's key: its own office; another one is 403 OTHER_TENANT)" }),
  status: statusList.optional().meta({ description: 'Only users in one of these statuses (repeat the parameter, or separate with commas)' }),
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Only users whose updatedAt is at or after this instant (ISO 8601, e.g. 2025-01-31T12:00:00Z)' }),
  limit: queryNumber(z.number().int().min(1).max(SYNC_PAGE_LIMIT))
    .default(SYNC_PAGE_DEFAULT)
    .meta({ description: `Users per page, at most ${SYNC_PAGE_LIMIT}` }),
  cursor: z
    .string()
    .min(1)
    .max(1_000)
    .optional()
    .meta({ description: "The previous page's nextCursor, as it came, with the same filters; absent: the first page" }),
});

export const userSyncPage = z
  .object({
    data: z.array(userView).meta({ description: 'Users in the order of their id (immutable: a walk under concurrent writes sees each user once)' }),
    nextCursor: z.string().nullable().meta({ description: 'The cursor of the next page; null on the last one' }),
  })
  .meta({ id: 'UserSyncPage' });
