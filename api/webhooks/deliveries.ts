import { Types } from 'mongoose';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { WebhookDeliveryDoc } from '../../data/models/webhook-delivery.js';
import type { WebhookDeliveryStatus, WebhookEventType } from '../../domain/webhook-events.js';
import { startDeliveryWorkflow, type PublishDeps } from '../../webhooks/publish.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';
import { checkEndpointScope, type EndpointScope } from './endpoints.js';
import type { WebhookDeliveryView } from '../../domain/webhook-views.js';

type DeliveryRecord = WebhookDeliveryDoc & { _id: string; createdAt: Date };

export function toDeliveryView(delivery: DeliveryRecord): WebhookDeliveryView {
  return {
    id: delivery._id,
    endpointId: String(delivery.endpointId),
    eventType: delivery.eventType as WebhookEventType,
    tenantId: delivery.tenantId ? String(delivery.tenantId) : null,
    status: delivery.status as WebhookDeliveryStatus,
    attempts: delivery.attempts,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode ?? null,
    lastError: delivery.lastError ?? null,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    payload: JSON.parse(delivery.payload) as Record<string, unknown>,
  };
}

export async function findDeliveryOrFail(id: string) {
  const delivery = await WebhookDeliveryModel.findById(id).lean();
  if (!delivery) throw fail('WEBHOOK_DELIVERY_NOT_FOUND');
  return delivery;
}

/** One endpoint's deliveries, newest first (its index serves the filter and the order). */
export async function endpointDeliveries(endpointId: string, page: { limit: number; offset: number; status?: WebhookDeliveryStatus }) {
  const where = { endpointId: new Types.ObjectId(endpointId), ...(page.status ? { status: page.status } : {}) };
  const [deliveries, total] = await Promise.all([
    WebhookDeliveryModel.find(where).sort({ createdAt: -1, _id: -1 }).skip(page.offset).limit(page.limit).lean(),
    WebhookDeliveryModel.countDocuments(where),
  ]);
  return { items: deliveries.map(toDeliveryView), total };
}

/**
 * A new attempt of the same delivery: the same body and the same `webhook-id` (receivers that
 * already have it drop it), now, with a fresh run of its workflow and so a fresh three days of
 * retries. A run still retrying is replaced, so a fixed receiver need not wait for the backoff.
 */
export async function resendDelivery(deps: PublishDeps, id: string, actor: Actor, scope: EndpointScope) {
  const delivery = await findDeliveryOrFail(id);
  const endpoint = await WebhookEndpointModel.findById(delivery.endpointId, { tenantId: 1, enabled: 1 }).lean();
  if (!endpoint) throw fail('WEBHOOK_DELIVERY_NOT_FOUND');
  checkEndpointScope(scope, endpoint.tenantId ? String(endpoint.tenantId) : null);
  if (!endpoint.enabled) throw fail('WEBHOOK_DISABLED');
  const pending = await WebhookDeliveryModel.findByIdAndUpdate(
    id,
    { $set: { status: 'pending', nextAttemptAt: new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!pending) throw fail('WEBHOOK_DELIVERY_NOT_FOUND');
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
