import { z } from 'zod';

export const plans = ['essential', 'plus', 'premium', 'enterprise'] as const;
export const planSchema = z.enum(plans);
export type Plan = z.infer<typeof planSchema>;

/**
 * Plus, Premium and Enterprise offices with the support portal must also link the new login
 * e-mail to the user inside the main system: an extra lifecycle step after access is granted.
 */
export const planRequiresLoginLink = (plan: Plan) => plan !== 'essential';

export const tenantInputSchema = z.object({
  name: z.string().trim().min(2).max(120),
  plan: planSchema.default('essential'),
  requiresLoginLink: z.boolean().optional(),
  selfSignup: z.boolean().default(false).meta({ description: 'Anyone who knows the tenant id may sign up as a member from the login screen' }),
});
export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  plan: planSchema,
  requiresLoginLink: z.boolean(),
  selfSignup: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Tenant = z.infer<typeof tenantSchema>;
