import { z } from 'zod';
import { objectIdSchema } from './user.js';
import { webhookEventTypeSchema } from './webhook-events.js';

/**
 * Where events go. Any http(s) URL here; the use-case also requires https in production
 * (use-cases/webhooks/endpoint-rules.ts). Credentials in the URL are refused: they would show in every
 * list and log line, and the signature already proves who sent the request.
 */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2_000)
  // zod runs this refinement even after `.url()` refused the text: only a parsable URL is looked into.
  .refine((url) => {
    if (!URL.canParse(url)) return true;
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'must not hold a user name or password: receivers check the webhook signature instead');

/** An empty or absent list means every event. */
export const webhookEventFilterSchema = z
  .array(webhookEventTypeSchema)
  .max(50)
  .transform((events) => [...new Set(events)])
  .meta({ description: 'Event types to send; empty or absent: every event' });

export const newWebhookEndpointSchema = z
  .object({
    url: webhookUrlSchema,
    events: webhookEventFilterSchema.optional(),
    tenantId: objectIdSchema.nullable().optional().meta({ description: "Only this tenant's events; absent or null: every tenant's (a global endpoint)" }),
    description: z.string().trim().max(200).nullable().optional().meta({ description: 'What receives the events, e.g. "CRM"' }),
  })
  .meta({ id: 'NewWebhookEndpoint' });
export type NewWebhookEndpoint = z.output<typeof newWebhookEndpointSchema>;

export const webhookEndpointPatchSchema = z
  .object({
    url: webhookUrlSchema,
    events: webhookEventFilterSchema,
    description: z.string().trim().max(200).nullable(),
    enabled: z.boolean().meta({ description: 'false stops deliveries; true resumes them (also after a 410 disabled the endpoint)' }),
  })
  .partial()
  .meta({ id: 'WebhookEndpointPatch' });
export type WebhookEndpointPatch = z.output<typeof webhookEndpointPatchSchema>;
