import { z } from 'zod';
import { emailSchema } from './email-address.js';
import { objectIdSchema } from './user.js';
import { passwordSchema } from './password.js';

/** `admin` does everything; `viewer` reads the users, tenants and logs, and sees no account or key. */
export const adminRoles = ['admin', 'viewer'] as const;
export const adminRoleSchema = z.enum(adminRoles);
export type AdminRole = z.infer<typeof adminRoleSchema>;

export const adminNameSchema = z.string().trim().min(1).max(200);

const tenantUserLink = objectIdSchema
  .nullable()
  .optional()
  .meta({ description: 'Links the account to a tenant user: it then acts as that user, for that tenant only; null unlinks' });

/** A new console account, as the API, the CLI and the console's form check it. */
export const newAdminSchema = z
  .object({ email: emailSchema, name: adminNameSchema, role: adminRoleSchema, password: passwordSchema, tenantUserId: tenantUserLink })
  .meta({ id: 'NewAdminAccount' });

export const adminUpdateSchema = z
  .object({
    name: adminNameSchema.optional(),
    role: adminRoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
    tenantUserId: tenantUserLink,
  })
  .meta({ id: 'AdminAccountUpdate' });

/** A console account as the admin API answers it: never its password hash. */
export const adminView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: adminRoleSchema,
    disabled: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    tenantUserId: z.string().nullable().meta({ description: 'The tenant user this account acts as; null for a platform account' }),
    tenantId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminAccount' });
export type AdminAccount = z.infer<typeof adminView>;

/** Who is signed in to the console (GET /api/admin/auth/me); a tenant account acts as its tenant user, for that tenant only. */
export const adminIdentitySchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: adminRoleSchema, tenantUserId: z.string().nullable(), tenantId: z.string().nullable() })
  .meta({ id: 'AdminIdentity' });
export type AdminIdentity = z.infer<typeof adminIdentitySchema>;
