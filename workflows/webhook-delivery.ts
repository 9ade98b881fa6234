import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { WEBHOOK_RETRY_LIMIT_MS, type WebhookDeliveryInput, type WebhookDeliveryOutcome } from '../domain/webhook-delivery.js';

/**
 * One webhook delivery: attempts until the receiver takes it (2xx) or refuses it for good (410),
 * for at most three days. The activity decides each retry's delay from the worker's configuration
 * (WEBHOOK_RETRY_*), so the policy below is the fallback for attempts that end without an answer
 * (a worker killed mid-attempt, the start-to-close timeout). Every attempt carries the delivery's
 * id as `webhook-id`; a resend is a new run of this workflow under the same id.
 */
export async function webhookDelivery(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome> {
  const { deliverWebhook } = proxyActivities<Activities>({
    ...(input.attemptQueue ? { taskQueue: input.attemptQueue } : {}),
    // Above the POST's own 10 s timeout (webhooks/post.ts), so a hung receiver fails the attempt first.
    startToCloseTimeout: '15s',
    scheduleToCloseTimeout: WEBHOOK_RETRY_LIMIT_MS,
    retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '1h' },
  });
  const { failWebhookDelivery } = proxyActivities<Activities>({
    ...(input.attemptQueue ? { taskQueue: input.attemptQueue } : {}),
    startToCloseTimeout: '15s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
  try {
    return await deliverWebhook(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await failWebhookDelivery({ deliveryId: input.deliveryId, reason: `gave up: ${error.cause?.message ?? error.message}` });
    return 'failed';
  }
}
