import { recordAudit } from '../../data/audit-events.js';
import { TenantModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Plan } from '../../domain/tenant.js';
import { findTenantView } from './find-tenant.js';

export async function updateTenant(tenantId: string, changes: { name?: string; plan?: Plan; requiresLoginLink?: boolean; selfSignup?: boolean }, actor: Actor) {
  const before = await findTenantView(tenantId);
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined && changes.name !== before.name) Object.assign(set, { name: changes.name, nameLower: changes.name.toLowerCase() });
  if (changes.plan !== undefined && changes.plan !== before.plan) set.plan = changes.plan;
  if (changes.requiresLoginLink !== undefined && changes.requiresLoginLink !== before.requiresLoginLink) set.requiresLoginLink = changes.requiresLoginLink;
  if (changes.selfSignup !== undefined && changes.selfSignup !== before.selfSignup) set.selfSignup = changes.selfSignup;
  if (Object.keys(set).length === 0) return before;
  await TenantModel.updateOne({ _id: tenantId }, { $set: set });
  const after = await findTenantView(tenantId);
  await recordAudit(actor, 'tenant.updated', { type: 'tenant', id: tenantId, tenantId }, { before, after });
  return after;
}
