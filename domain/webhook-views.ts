import { z } from 'zod';
import { webhookDeliveryStatuses, webhookEventTypeSchema } from './webhook-events.js';

/** Webhook endpoints and deliveries as the API and the console see them: never a secret. */
const timestamp = z.iso.datetime().nullable();

export const webhookEndpointView = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(webhookEventTypeSchema).meta({ description: 'Event types sent; empty: every event' }),
    tenantId: z.string().nullable().meta({ description: "The tenant whose events are sent; null: every tenant's (global)" }),
    enabled: z.boolean(),
    disabledAt: timestamp,
    disabledReason: z.string().nullable().meta({ description: 'Who or what stopped deliveries: an admin, or the receiver answering 410 Gone' }),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

export const newWebhookEndpointAnswer = webhookEndpointView
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (`whsec_…`), answered this once: receivers verify `webhook-signature` with it. Stored encrypted, never shown again.',
    }),
  })
  .meta({ id: 'NewWebhookEndpointAnswer' });

export const webhookDeliveryView = z
  .object({
    id: z.string().meta({ description: 'The `webhook-id` header of every attempt (`msg_…`): receivers dedupe on it' }),
    endpointId: z.string(),
    eventType: webhookEventTypeSchema,
    tenantId: z.string().nullable(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number().int(),
    lastAttemptAt: timestamp,
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: timestamp.meta({ description: 'While pending: when the next attempt is due' }),
    deliveredAt: timestamp,
    createdAt: z.iso.datetime(),
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The body sent: `{"type","timestamp","data"}`' }),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;
