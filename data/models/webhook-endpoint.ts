import { model, Schema, type InferSchemaType } from 'mongoose';
import { webhookEventTypes } from '../../domain/webhook-events.js';

/**
 * A receiver of lifecycle events: global (tenantId null) or one tenant's, with an event filter
 * (empty: every event). The signing secret must be usable to sign, so it cannot be hashed: it
 * is stored sealed with a key derived from TOKEN_SECRET (webhooks/secret-box.ts), and lists never
 * select it (`select: false`).
 */
const webhookEndpointSchema = new Schema(
  {
    url: { type: String, required: true },
    description: { type: String, default: null },
    events: { type: [{ type: String, enum: webhookEventTypes }], default: [] },
    tenantId: { type: Schema.Types.ObjectId, default: null },
    enabled: { type: Boolean, default: true },
    /** Why and when deliveries stopped: an admin, or the receiver's 410 Gone. Cleared when enabled again. */
    disabledAt: { type: Date, default: null },
    disabledReason: { type: String, default: null },
    sealedSecret: { type: String, required: true, select: false },
    createdBy: { type: String, default: null },
  },
  { timestamps: true },
);
// publishEvent's lookup on every lifecycle transition: the enabled endpoints of the event's tenant and the global ones.
webhookEndpointSchema.index({ enabled: 1, tenantId: 1 });
// The lists (console and /api/v1): newest first, alone or within a tenant; _id breaks ties like their sort.
webhookEndpointSchema.index({ createdAt: -1, _id: -1 });
webhookEndpointSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });

export type WebhookEndpointDoc = InferSchemaType<typeof webhookEndpointSchema>;
export const WebhookEndpointModel = model('WebhookEndpoint', webhookEndpointSchema, 'webhookEndpoints');
