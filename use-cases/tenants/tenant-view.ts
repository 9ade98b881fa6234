import type { TenantDoc } from '../../data/models/tenant.js';
import { noBranding } from '../../domain/branding.js';
import type { Plan, Tenant } from '../../domain/tenant.js';

/** A tenant as the API answers it. */
export function toTenantView(tenant: TenantDoc & { _id: unknown; createdAt: Date; updatedAt: Date }): Tenant {
  return {
    id: String(tenant._id),
    name: tenant.name,
    plan: tenant.plan as Plan,
    requiresLoginLink: tenant.requiresLoginLink,
    // Tenants stored before the flag existed have none: self-signup stays off for them.
    selfSignup: tenant.selfSignup ?? false,
    signInUrl: tenant.signInUrl ?? null,
    branding: { ...noBranding, ...Object.fromEntries(Object.entries(tenant.branding ?? {}).filter(([key]) => key in noBranding)) },
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
