import type { z } from 'zod';
import { recordAudit } from '../../data/audit-events.js';
import { TenantModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { noBranding } from '../../domain/branding.js';
import { planRequiresLoginLink, type tenantInputSchema } from '../../domain/tenant.js';
import { toTenantView } from './tenant-view.js';

export async function createTenant(input: z.output<typeof tenantInputSchema>, actor: Actor) {
  const tenant = await TenantModel.create({
    name: input.name,
    nameLower: input.name.toLowerCase(),
    plan: input.plan,
    // The plan decides the extra login-link step unless the caller says otherwise.
    requiresLoginLink: input.requiresLoginLink ?? planRequiresLoginLink(input.plan),
    selfSignup: input.selfSignup,
    signInUrl: input.signInUrl ?? null,
    branding: input.branding ? { ...noBranding, ...input.branding } : null,
  });
  const view = toTenantView(tenant.toObject());
  await recordAudit(actor, 'tenant.created', { type: 'tenant', id: view.id, tenantId: view.id }, { after: view });
  return view;
}
