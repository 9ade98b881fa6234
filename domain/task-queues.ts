/**
 * E-mail activities run on their own task queue so the server can rate-limit them
 * (EMAIL_RATE_PER_SECOND) without slowing workflow progress or database activities.
 */
export const emailTaskQueue = (lifecycleTaskQueue: string) => `${lifecycleTaskQueue}-email`;

/** Webhook deliveries (their workflows and attempts): their own slots, so a slow receiver cannot hold up invitations. */
export const webhookTaskQueue = (lifecycleTaskQueue: string) => `${lifecycleTaskQueue}-webhooks`;
