import { ApplicationFailure, Context } from '@temporalio/activity';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../data/models/index.js';
import type { WebhookDeliveryInput, WebhookDeliveryOutcome, WebhookRetryPolicy } from '../domain/webhook-delivery.js';
import { postWebhook, type PostOutcome } from '../webhooks/post.js';
import { SealedSecretUnreadable, secretBox } from '../webhooks/secret-box.js';
import { webhookHeaders } from '../webhooks/signature.js';
import type { ActivityDeps } from './deps.js';

/** The wait before attempt `attempt + 1`: doubling from the initial interval, capped. */
export const retryDelayMs = (policy: WebhookRetryPolicy, attempt: number) => Math.min(policy.initialMs * 2 ** (attempt - 1), policy.maxIntervalMs);

const describe = (outcome: PostOutcome) => ('error' in outcome ? outcome.error : `HTTP ${outcome.status}${outcome.excerpt ? `: ${outcome.excerpt}` : ''}`);

/** Ends a delivery that is still pending as failed, with why; a delivered one stays delivered. */
async function markFailed(deliveryId: string, reason: string) {
  await WebhookDeliveryModel.updateOne({ _id: deliveryId, status: 'pending' }, { $set: { status: 'failed', lastError: reason, nextAttemptAt: null } });
}

export function webhookActivities({
  tokenSecret,
  now,
  webhookRetry,
  webhookAllowPrivate,
}: Pick<ActivityDeps, 'tokenSecret' | 'now' | 'webhookRetry' | 'webhookAllowPrivate'>) {
  const box = secretBox(tokenSecret);
  return {
    /**
     * One attempt of a delivery: signs the stored body with the endpoint's secret (opened here,
     * never passed through Temporal) and POSTs it. 2xx: delivered. 410: the receiver is gone for
     * good, so the endpoint is disabled and the delivery failed. Anything else (other statuses,
     * network errors, timeouts) throws, and Temporal retries after the configured backoff until
     * WEBHOOK_RETRY_FOR has passed since the run's first attempt.
     */
    async deliverWebhook({ deliveryId }: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome> {
      const delivery = await WebhookDeliveryModel.findById(deliveryId).lean();
      if (!delivery) return 'failed'; // removed with its endpoint
      const endpoint = await WebhookEndpointModel.findById(delivery.endpointId).select('+sealedSecret').lean();
      if (!endpoint || !endpoint.enabled) {
        await markFailed(deliveryId, endpoint ? 'not sent: the endpoint is disabled' : 'not sent: the endpoint was deleted');
        return 'failed';
      }
      let secret: string;
      try {
        secret = box.open(endpoint.sealedSecret, String(endpoint._id));
      } catch (error) {
        if (!(error instanceof SealedSecretUnreadable)) throw error;
        await markFailed(deliveryId, `not sent: ${error.message}`);
        return 'failed';
      }

      const at = now();
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'activation-service-webhooks/1',
        ...webhookHeaders(secret, delivery._id, at, delivery.payload),
      };
      const outcome = await postWebhook(endpoint.url, headers, delivery.payload, { allowPrivate: webhookAllowPrivate });
      const status = 'status' in outcome ? outcome.status : null;
      const attempt = { lastAttemptAt: at, lastStatusCode: status };

      if (status !== null && status >= 200 && status < 300) {
        await WebhookDeliveryModel.updateOne(
          { _id: deliveryId },
          { $inc: { attempts: 1 }, $set: { ...attempt, status: 'delivered', deliveredAt: at, lastError: null, nextAttemptAt: null } },
        );
        return 'delivered';
      }
      if (status === 410) {
        // Standard Webhooks: 410 Gone means "stop sending". Conditional, so the first reason stays.
        await WebhookEndpointModel.updateOne(
          { _id: endpoint._id, enabled: true },
          { $set: { enabled: false, disabledAt: at, disabledReason: 'the receiver answered 410 Gone' } },
        );
        await WebhookDeliveryModel.updateOne(
          { _id: deliveryId },
          { $inc: { attempts: 1 }, $set: { ...attempt, status: 'failed', lastError: describe(outcome), nextAttemptAt: null } },
        );
        return 'failed';
      }

      const info = Context.current().info;
      const delayMs = retryDelayMs(webhookRetry, info.attempt);
      const nextAttemptAt = new Date(at.getTime() + delayMs);
      if (nextAttemptAt.getTime() - info.scheduledTimestampMs > webhookRetry.forMs) {
        await WebhookDeliveryModel.updateOne(
          { _id: deliveryId },
          {
            $inc: { attempts: 1 },
            $set: { ...attempt, status: 'failed', lastError: `${describe(outcome)} (gave up after ${info.attempt} attempts)`, nextAttemptAt: null },
          },
        );
        return 'failed';
      }
      await WebhookDeliveryModel.updateOne(
        { _id: deliveryId },
        { $inc: { attempts: 1 }, $set: { ...attempt, status: 'pending', lastError: describe(outcome), nextAttemptAt } },
      );
      // The delay comes from this worker's configuration, so the estimate above is when Temporal retries.
      throw ApplicationFailure.create({ type: 'WebhookAttemptFailed', message: describe(outcome), nextRetryDelay: delayMs });
    },

    /** The workflow's last word when its attempts stopped without an outcome (timeouts, the three days). */
    async failWebhookDelivery({ deliveryId, reason }: { deliveryId: string; reason: string }) {
      await markFailed(deliveryId, reason);
    },
  };
}
