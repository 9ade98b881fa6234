import type { Types } from 'mongoose';
import type { WebhookDeliveryDoc } from '../../data/models/webhook-delivery.js';
import type { WebhookEndpointDoc } from '../../data/models/webhook-endpoint.js';
import type { WebhookDeliveryStatus, WebhookEventType } from '../../domain/webhook-events.js';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../domain/webhook-views.js';

type EndpointRecord = Omit<WebhookEndpointDoc, 'sealedSecret'> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

/** An endpoint as the API answers it: never its secret. */
export function toEndpointView(endpoint: EndpointRecord): WebhookEndpointView {
  return {
    id: String(endpoint._id),
    url: endpoint.url,
    description: endpoint.description ?? null,
    events: endpoint.events as WebhookEventType[],
    tenantId: endpoint.tenantId ? String(endpoint.tenantId) : null,
    enabled: endpoint.enabled,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    disabledReason: endpoint.disabledReason ?? null,
    createdBy: endpoint.createdBy ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

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
