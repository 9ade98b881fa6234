import { z } from 'zod';

export const loginSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) }).meta({ id: 'Login' });

export const loginResult = z
  .object({ status: z.literal('active'), user: z.object({ id: z.string(), name: z.string(), email: z.string(), tenantId: z.string(), locale: z.string() }) })
  .meta({ id: 'LoginResult' });
