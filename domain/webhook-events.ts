import { z } from 'zod';

/**
 * What other systems can hear from this service (Standard Webhooks, see webhooks/). One
 * vocabulary for the API, the worker and the console's event filter. `user.login_link_requested`
 * asks the main system to link a user's login (the plan step of workflows/user-lifecycle.ts).
 */
export const webhookEventTypes = [
  'user.invited',
  'user.reminded',
  'user.registered',
  'user.activated',
  'user.expired',
  'user.deactivated',
  'user.reactivated',
  'user.email_failed',
  'user.deleted',
  'user.login_link_requested',
  'migration.started',
  'migration.completed',
] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** pending: attempts go on; delivered: a 2xx answered; failed: given up (410, retries exhausted, endpoint gone). */
export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** Every body we POST: the event's type, when it happened, and what it is about. Never a token or a secret. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO 8601, when the event happened (attempts carry their own time in `webhook-timestamp`). */
  timestamp: string;
  data: Record<string, unknown>;
}
