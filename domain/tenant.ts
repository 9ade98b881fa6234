import { z } from 'zod';
import { brandingSchema, brandingView } from './branding.js';

export const plans = ['essential', 'plus', 'premium', 'enterprise'] as const;
export const planSchema = z.enum(plans);
export type Plan = z.infer<typeof planSchema>;

/**
 * Plus, Premium and Enterprise offices with the support portal must also link the new login
 * e-mail to the user inside the main system: an extra lifecycle step after access is granted.
 */
export const planRequiresLoginLink = (plan: Plan) => plan !== 'essential';

/**
 * Where the office's people sign in once active: its main system's login page. Absent: the
 * platform's (SIGN_IN_URL, else this service's own sign-in check page).
 */
export const signInUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2_000)
  .meta({ description: "The main system's login page, where the office's people go once active (the access-ready e-mail, the registration page's last step)" });

export const tenantInputSchema = z.object({
  name: z.string().trim().min(2).max(120),
  plan: planSchema.default('essential'),
  requiresLoginLink: z.boolean().optional(),
  selfSignup: z.boolean().default(false).meta({ description: 'Anyone who knows the tenant id may sign up as a member from the login screen' }),
  signInUrl: signInUrlSchema.nullable().optional(),
  branding: brandingSchema.optional(),
});
export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  plan: planSchema,
  requiresLoginLink: z.boolean(),
  selfSignup: z.boolean(),
  signInUrl: z.string().nullable().meta({ description: "The main system's login page; null: the platform's" }),
  branding: brandingView,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Tenant = z.infer<typeof tenantSchema>;
