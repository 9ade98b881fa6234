import type { Transporter } from 'nodemailer';
import type { LifecycleClient } from '../temporal/lifecycle-client.js';
import type { WebhookRetryPolicy } from '../domain/webhook-delivery.js';
import type { PublishDeps } from '../webhooks/publish.js';

/** What activities need from the outside world, injected so tests and the worker wire real ones. */
export interface ActivityDeps {
  mailer: Transporter;
  mailFrom: string;
  publicUrl: string;
  /** Where people sign in once active, unless their tenant names its own (SIGN_IN_URL). */
  signInUrl?: string;
  tokenSecret: string;
  now: () => Date;
  /** Starts lifecycles (the migration's pages). */
  lifecycle: LifecycleClient;
  /** A Temporal client and the lifecycle task queue: publishing a webhook event starts its deliveries. */
  webhooks: PublishDeps;
  /** The backoff of failed webhook attempts (WEBHOOK_RETRY_*). */
  webhookRetry: WebhookRetryPolicy;
  /** WEBHOOK_ALLOW_PRIVATE: local receivers, in development and tests. */
  webhookAllowPrivate?: boolean;
}
