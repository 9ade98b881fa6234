import { recordAudit } from '../../data/audit-events.js';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { WebhookEventType } from '../../domain/webhook-events.js';
import { startDeliveryWorkflow, type PublishDeps } from '../../webhooks/publish.js';
import { findDeliveryRecord } from './list-deliveries.js';
import { toDeliveryView } from './webhook-views.js';

/**
 * A new attempt of the same delivery: the same body and the same `webhook-id` (receivers that
 * already have it drop it), now, with a fresh run of its workflow and so a fresh three days of
 * retries. A run still retrying is replaced, so a fixed receiver need not wait for the backoff.
 */
export async function resendDelivery(deps: PublishDeps, scope: TenantScope, id: string, actor: Actor) {
  const delivery = await findDeliveryRecord(scope, id);
  const endpoint = await WebhookEndpointModel.findById(delivery.endpointId, { tenantId: 1, enabled: 1 }).lean();
  if (!endpoint) throw domainError('WEBHOOK_DELIVERY_NOT_FOUND');
  if (!endpoint.enabled) throw domainError('WEBHOOK_DISABLED');
  const pending = await WebhookDeliveryModel.findByIdAndUpdate(
    id,
    { $set: { status: 'pending', nextAttemptAt: new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!pending) throw domainError('WEBHOOK_DELIVERY_NOT_FOUND');
  await startDeliveryWorkflow(deps, id, delivery.eventType as WebhookEventType, { resend: true });
  await recordAudit(
    actor,
    'webhookDelivery.resent',
    { type: 'webhookDelivery', id, tenantId: delivery.tenantId ? String(delivery.tenantId) : null },
    {
      before: { status: delivery.status, attempts: delivery.attempts },
      after: { endpointId: String(delivery.endpointId), eventType: delivery.eventType },
    },
  );
  return toDeliveryView(pending);
}
