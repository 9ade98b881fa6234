import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { activationStatusSchema } from '../../domain/activation-status.js';
import { webhookEventTypes, type WebhookEventType } from '../../domain/webhook-events.js';

const headers = z.object({
  'webhook-id': z.string().meta({ description: 'The delivery id (`msg_…`), the same on every attempt and resend: process each id once' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since the epoch when this attempt was signed; refuse attempts more than a few minutes off' }),
  'webhook-signature': z.string().meta({
    description: '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` under the endpoint secret (the bytes after `whsec_`, base64-decoded)',
  }),
});

const userData = z
  .object({
    userId: z.string(),
    tenantId: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    code: z.number().int().nullable().meta({ description: "The user's code in the tenant" }),
    externalId: z.string().nullable().meta({ description: 'The id the integration gave the user, if any' }),
    status: activationStatusSchema.meta({ description: 'The status after the event (user.deleted: the status it had)' }),
    previousStatus: activationStatusSchema.optional(),
    reason: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'user.invited: invited, resent, emailChanged or reactivated; user.deactivated: the reason given, if any' }),
    remindersSent: z.number().int().optional().meta({ description: 'user.reminded: reminders sent so far' }),
    error: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "user.email_failed: the mail server's refusal, or `<reason>: <the provider's words>` for an e-mail provider's report" }),
  })
  .meta({ id: 'WebhookUserData' });

const migrationData = z
  .object({
    migrationId: z.string(),
    tenantId: z.string(),
    status: z.enum(['running', 'completed']),
    users: z.number().int().optional().meta({ description: 'migration.started: users to migrate' }),
    actingUserId: z.string().optional().meta({ description: 'migration.started: the tenant user on whose behalf it runs' }),
    total: z.number().int().optional(),
    started: z.number().int().optional().meta({ description: 'migration.completed: lifecycles started' }),
    failed: z.number().int().optional(),
  })
  .meta({ id: 'WebhookMigrationData' });

const descriptions: Record<WebhookEventType, string> = {
  'user.invited': 'An invitation e-mail went out: first invitation, resend, change of e-mail or reactivation (`data.reason`)',
  'user.reminded': 'A reminder e-mail went out',
  'user.registered': 'The user set a password; access follows after the sync delay',
  'user.activated': 'Access granted: the user can sign in',
  'user.expired': 'The invitation expired unused',
  'user.deactivated': 'Deactivated: links dead, sign-in refused',
  'user.reactivated': 'Reactivated: active again, or invited again (`data.status`)',
  'user.email_failed':
    "The mail server refused the user's address for good, or the e-mail provider reported a hard bounce or a spam complaint; reminders stop until the address is fixed",
  'user.deleted': 'The user was deleted',
  'user.login_link_requested':
    "The main system is asked to link the user's login (plans with that step); confirm with POST /api/v1/onboardings/{id}/login-link",
  'migration.started': 'A tenant\'s "Update accounts" started',
  'migration.completed': 'A tenant\'s "Update accounts" started every lifecycle it had to',
};

/**
 * The events as OpenAPI 3.1 `webhooks`: what a receiver gets, with the Standard Webhooks headers.
 * Any 2xx acknowledges; 410 disables the endpoint; anything else (or no answer in 10 s) is retried.
 */
export function documentWebhookEvents(registry: OpenAPIRegistry) {
  for (const type of webhookEventTypes) {
    const data = type.startsWith('migration.') ? migrationData : userData;
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `webhook${type.replace(/(^|[._])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase())}`,
      summary: descriptions[type],
      tags: ['Webhooks'],
      request: {
        headers,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ type: z.literal(type), timestamp: z.iso.datetime().meta({ description: 'When the event happened' }), data }),
            },
          },
        },
      },
      responses: {
        200: { description: 'Any 2xx: delivered, not sent again' },
        410: { description: 'Gone: the endpoint is disabled and nothing more is sent to it' },
        default: { description: 'Anything else, or no answer within 10 s: retried with backoff for up to three days' },
      },
    });
  }
}
