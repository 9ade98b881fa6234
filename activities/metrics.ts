import { asyncLocalStorage } from '@temporalio/activity';
import type { TemplateName } from './email-templates/render.js';

/** What became of one attempt to send a lifecycle e-mail. */
export type EmailOutcome = 'sent' | 'rejected' | 'retried';

/**
 * `activation_emails_total{template, outcome}` on the worker's metrics endpoint (worker/metrics.ts):
 * `sent` once per e-mail handed to the mail server, `rejected` when the server refuses the address
 * for good, `retried` for each attempt that failed and will be tried again (SMTP down, timeouts).
 * Recorded through the activity's `metricMeter`, which also tags it with the activity type, task
 * queue and namespace; outside an activity (no Temporal runtime) nothing is recorded.
 */
export function countEmail(template: TemplateName, outcome: EmailOutcome) {
  asyncLocalStorage
    .getStore()
    ?.metricMeter.createCounter('activation_emails', 'emails', 'Lifecycle e-mails by template and outcome')
    .add(1, { template, outcome });
}
