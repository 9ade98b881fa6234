import { recordAudit } from '../../data/audit-events.js';
import { TenantModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import type { Branding } from '../../domain/branding.js';
import type { Plan } from '../../domain/tenant.js';
import { PLATFORM_SCOPE, type TenantScope } from '../../domain/tenant-scope.js';
import { findTenantView } from './find-tenant.js';

/**
 * What an office changes about itself: whether people may sign up from the login screen (the
 * Desk360 article leaves it to the office), and how its e-mails and pages look (its name as the
 * sender, replies, logo, colour, support contact). Its name, its plan and the login-link step that
 * comes with the plan are the vendor's contract with it, and where its main system signs people
 * in is the vendor's installation: changed by the platform only.
 */
const OFFICE_SETTINGS = new Set(['selfSignup', 'branding']);

export async function updateTenant(
  scope: TenantScope,
  tenantId: string,
  changes: { name?: string; plan?: Plan; requiresLoginLink?: boolean; selfSignup?: boolean; signInUrl?: string | null; branding?: Branding },
  actor: Actor,
) {
  const before = await findTenantView(scope, tenantId);
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined && changes.name !== before.name) Object.assign(set, { name: changes.name, nameLower: changes.name.toLowerCase() });
  if (changes.plan !== undefined && changes.plan !== before.plan) set.plan = changes.plan;
  if (changes.requiresLoginLink !== undefined && changes.requiresLoginLink !== before.requiresLoginLink) set.requiresLoginLink = changes.requiresLoginLink;
  if (changes.selfSignup !== undefined && changes.selfSignup !== before.selfSignup) set.selfSignup = changes.selfSignup;
  if (changes.signInUrl !== undefined && changes.signInUrl !== before.signInUrl) set.signInUrl = changes.signInUrl;
  if (changes.branding !== undefined) {
    // Fields left out keep their value; null returns one to the platform's default.
    const branding = { ...before.branding, ...Object.fromEntries(Object.entries(changes.branding).filter(([, value]) => value !== undefined)) };
    if (JSON.stringify(branding) !== JSON.stringify(before.branding)) set.branding = branding;
  }
  const platformOnly = Object.keys(set).filter((field) => field !== 'nameLower' && !OFFICE_SETTINGS.has(field));
  if (scope.kind === 'tenant' && platformOnly.length > 0) {
    throw domainError('FORBIDDEN', {
      detail: 'an office changes only its self-signup setting; its name, plan and login-link step are changed by the platform',
      fields: platformOnly.map((field) => ({ path: field, message: "the platform's setting" })),
    });
  }
  if (Object.keys(set).length === 0) return before;
  await TenantModel.updateOne({ _id: tenantId }, { $set: set });
  const after = await findTenantView(PLATFORM_SCOPE, tenantId);
  await recordAudit(actor, 'tenant.updated', { type: 'tenant', id: tenantId, tenantId }, { before, after });
  return after;
}
