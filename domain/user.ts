import { z } from 'zod';
import { activationStatusSchema } from './activation-status.js';
import { emailSchema } from './email-address.js';
import { localeSchema } from './locale.js';

export const roles = ['supervisor', 'member'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const objectIdSchema = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hexadecimal id');

/** What a person or a system gives us to create a user. Name and e-mail are required; the rest is optional. */
export const userInputSchema = z.object({
  tenantId: objectIdSchema,
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  code: z.number().int().min(1).max(2_147_483_647).optional(),
  legacyUsername: z.string().trim().min(1).max(100).optional(),
  role: roleSchema.default('member'),
  locale: localeSchema.default('en'),
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type UserInput = z.input<typeof userInputSchema>;

const timestamp = z.iso.datetime().nullable();

/** A user as the API and the admin see it (MongoDB's projection of the lifecycle). */
export const userSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  code: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  legacyUsername: z.string().nullable(),
  role: roleSchema,
  locale: localeSchema,
  externalId: z.string().nullable(),
  status: activationStatusSchema,
  statusChangedAt: z.iso.datetime(),
  invitedAt: timestamp,
  registeredAt: timestamp,
  activatedAt: timestamp,
  expiredAt: timestamp,
  deactivatedAt: timestamp,
  accessAt: timestamp,
  invitationExpiresAt: timestamp,
  remindersSent: z.number().int(),
  emailFailing: z.boolean(),
  lastEmailError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;
