import { z } from 'zod';
import { planSchema, tenantInputSchema, tenantSchema } from '../../domain/tenant.js';
import { objectIdSchema } from '../../domain/user.js';

export const tenantView = tenantSchema.meta({ id: 'Tenant' });
export const tenantIdParams = z.object({ id: objectIdSchema });
export const newTenantSchema = tenantInputSchema.meta({ id: 'NewTenant' });

/** react-admin PUTs the whole record; id and timestamps are ignored. */
export const tenantUpdateSchema = z
  .object({
    name: tenantInputSchema.shape.name.optional(),
    plan: planSchema.optional(),
    requiresLoginLink: z.boolean().optional(),
    selfSignup: z.boolean().optional(),
    signInUrl: tenantInputSchema.shape.signInUrl,
    branding: tenantInputSchema.shape.branding,
  })
  .meta({ id: 'TenantUpdate' });
