/**
 * The contract of the `webhookDelivery` workflow (workflows/webhook-delivery.ts): one per
 * delivery, that is per (event, endpoint). Its id derives from the delivery's, which is also the
 * `webhook-id` receivers dedupe on, so a retried publish never starts a second delivery.
 */
export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery';
export const workflowIdForDelivery = (deliveryId: string) => `webhook-delivery-${deliveryId}`;

/** Only the id: the body and the endpoint's secret stay in MongoDB, out of workflow histories. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  /**
   * The task queue the attempts run on: the webhook queue's own slots (domain/task-queues.ts), so
   * receivers that hang cannot take the lifecycles'. Absent in deliveries started before: their own queue.
   */
  attemptQueue?: string;
}

/** How a delivery's workflow ended. */
export type WebhookDeliveryOutcome = 'delivered' | 'failed';

/** How long a delivery is tried at most (the workflow's schedule-to-close timeout); WEBHOOK_RETRY_FOR may only shorten it. */
export const WEBHOOK_RETRY_LIMIT_MS = 3 * 86_400_000;

/** The backoff of failed attempts, from the worker's configuration (WEBHOOK_RETRY_*). */
export interface WebhookRetryPolicy {
  initialMs: number;
  maxIntervalMs: number;
  /** Attempts stop this long after the first one of a run. */
  forMs: number;
}
