import { Types } from 'mongoose';
import type { z } from 'zod';
import { TenantModel, UserModel } from '../../data/models/index.js';
import type { TenantDoc } from '../../data/models/tenant.js';
import { planRequiresLoginLink, tenantSchema, type Plan, type Tenant, type tenantInputSchema } from '../../domain/tenant.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';

export const tenantView = tenantSchema.meta({ id: 'Tenant' });

export function toTenantView(tenant: TenantDoc & { _id: unknown; createdAt: Date; updatedAt: Date }): Tenant {
  return {
    id: String(tenant._id),
    name: tenant.name,
    plan: tenant.plan as Plan,
    requiresLoginLink: tenant.requiresLoginLink,
    // Tenants stored before the flag existed have none: self-signup stays off for them.
    selfSignup: tenant.selfSignup ?? false,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

export async function findTenantViewOrFail(tenantId: string) {
  const tenant = Types.ObjectId.isValid(tenantId) ? await TenantModel.findById(tenantId).lean() : null;
  if (!tenant) throw fail('TENANT_NOT_FOUND');
  return toTenantView(tenant);
}

export async function createTenant(input: z.output<typeof tenantInputSchema>, actor: Actor) {
  const tenant = await TenantModel.create({
    name: input.name,
    nameLower: input.name.toLowerCase(),
    plan: input.plan,
    // The plan decides the extra login-link step unless the caller says otherwise.
    requiresLoginLink: input.requiresLoginLink ?? planRequiresLoginLink(input.plan),
    selfSignup: input.selfSignup,
  });
  const view = toTenantView(tenant.toObject());
  await recordAudit(actor, 'tenant.created', { type: 'tenant', id: view.id, tenantId: view.id }, { after: view });
  return view;
}

export async function updateTenant(tenantId: string, changes: { name?: string; plan?: Plan; requiresLoginLink?: boolean; selfSignup?: boolean }, actor: Actor) {
  const before = await findTenantViewOrFail(tenantId);
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined && changes.name !== before.name) Object.assign(set, { name: changes.name, nameLower: changes.name.toLowerCase() });
  if (changes.plan !== undefined && changes.plan !== before.plan) set.plan = changes.plan;
  if (changes.requiresLoginLink !== undefined && changes.requiresLoginLink !== before.requiresLoginLink) set.requiresLoginLink = changes.requiresLoginLink;
  if (changes.selfSignup !== undefined && changes.selfSignup !== before.selfSignup) set.selfSignup = changes.selfSignup;
  if (Object.keys(set).length === 0) return before;
  await TenantModel.updateOne({ _id: tenantId }, { $set: set });
  const after = await findTenantViewOrFail(tenantId);
  await recordAudit(actor, 'tenant.updated', { type: 'tenant', id: tenantId, tenantId }, { before, after });
  return after;
}

/** A tenant with users is not deleted: their lifecycles and logins would be orphaned. */
export async function deleteTenant(tenantId: string, actor: Actor) {
  const view = await findTenantViewOrFail(tenantId);
  if (await UserModel.exists({ tenantId: new Types.ObjectId(tenantId) })) throw fail('TENANT_HAS_USERS');
  await TenantModel.deleteOne({ _id: tenantId });
  await recordAudit(actor, 'tenant.deleted', { type: 'tenant', id: tenantId, tenantId }, { before: view });
  return view;
}
