import { model, Schema, type InferSchemaType } from 'mongoose';
import { webhookDeliveryStatuses, webhookEventTypes } from '../../domain/webhook-events.js';

/**
 * One event for one endpoint. `_id` is the Standard Webhooks `webhook-id` (`msg_…`), derived
 * from the event's key and the endpoint (webhooks/publish.ts), so publishing an event twice finds
 * the same delivery, and every attempt and resend carries the same id for receivers to dedupe.
 * `payload` is the exact body signed and sent, fixed at the first publish.
 */
const webhookDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    endpointId: { type: Schema.Types.ObjectId, required: true },
    eventKey: { type: String, required: true },
    eventType: { type: String, enum: webhookEventTypes, required: true },
    tenantId: { type: Schema.Types.ObjectId, default: null },
    payload: { type: String, required: true },
    status: { type: String, enum: webhookDeliveryStatuses, default: 'pending' },
    attempts: { type: Number, default: 0 },
    lastAttemptAt: { type: Date, default: null },
    lastStatusCode: { type: Number, default: null },
    lastError: { type: String, default: null },
    /** When the next attempt is due while pending (the backoff's estimate); null otherwise. */
    nextAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// The delivery log: newest first, of one endpoint (the console's) or of all; _id breaks ties like the sort.
webhookDeliverySchema.index({ endpointId: 1, createdAt: -1, _id: -1 });
webhookDeliverySchema.index({ createdAt: -1, _id: -1 });
webhookDeliverySchema.index({ status: 1, createdAt: -1, _id: -1 });
// The log holds users' names and e-mails: it is kept for a month (well past the three days of retries), then MongoDB removes it.
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;
webhookDeliverySchema.index({ createdAt: 1 }, { expireAfterSeconds: WEBHOOK_DELIVERY_RETENTION_DAYS * 86_400 });

export type WebhookDeliveryDoc = InferSchemaType<typeof webhookDeliverySchema>;
export const WebhookDeliveryModel = model('WebhookDelivery', webhookDeliverySchema, 'webhookDeliveries');
