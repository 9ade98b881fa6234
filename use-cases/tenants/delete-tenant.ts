import { Types } from 'mongoose';
import { recordAudit } from '../../data/audit-events.js';
import { MigrationModel, ScimTokenModel, TenantModel, UserModel, WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { findTenantView } from './find-tenant.js';

/**
 * The platform's only (its route's decision). A tenant with users is not deleted: their lifecycles and logins would be orphaned. What is left
 * is the tenant's own, and it goes with it: its migration runs, its SCIM tokens (they would still
 * sign in to a tenant that is gone) and its webhook endpoints with their delivery logs. Children
 * first, so an interrupted delete is finished by the next one. The audit trail keeps the facts.
 */
export async function deleteTenant(tenantId: string, actor: Actor) {
  const view = await findTenantView(PLATFORM_SCOPE, tenantId);
  const id = new Types.ObjectId(tenantId);
  if (await UserModel.exists({ tenantId: id })) throw domainError('TENANT_HAS_USERS');
  const endpoints = await WebhookEndpointModel.find({ tenantId: id }, { _id: 1 }).lean();
  await WebhookDeliveryModel.deleteMany({ endpointId: { $in: endpoints.map((endpoint) => endpoint._id) } });
  await Promise.all([
    WebhookEndpointModel.deleteMany({ tenantId: id }),
    ScimTokenModel.deleteMany({ tenantId: id }),
    MigrationModel.deleteMany({ tenantId: id }),
  ]);
  await TenantModel.deleteOne({ _id: tenantId });
  await recordAudit(actor, 'tenant.deleted', { type: 'tenant', id: tenantId, tenantId }, { before: view });
  return view;
}
