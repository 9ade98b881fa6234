import { recordAudit } from '../../data/audit-events.js';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { findEndpointRecord } from './list-endpoints.js';
import { toEndpointView } from './webhook-views.js';

/**
 * Removes the endpoint and its delivery log (the log holds users' data sent to it). Deliveries
 * still being attempted find it gone and stop without sending.
 */
export async function deleteEndpoint(scope: TenantScope, id: string, actor: Actor) {
  const endpoint = await findEndpointRecord(scope, id);
  await WebhookEndpointModel.deleteOne({ _id: endpoint._id });
  await WebhookDeliveryModel.deleteMany({ endpointId: endpoint._id });
  const view = toEndpointView(endpoint);
  await recordAudit(actor, 'webhook.deleted', { type: 'webhook', id, tenantId: view.tenantId }, { before: view });
  return view;
}
