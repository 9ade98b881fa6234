import type { RequestHandler } from 'express';
import { z } from 'zod';
import { objectIdSchema } from '../../domain/user.js';
import { newWebhookEndpointSchema, webhookEndpointPatchSchema } from '../../domain/webhook-endpoint.js';
import { webhookDeliveryStatuses } from '../../domain/webhook-events.js';
import { newWebhookEndpointAnswer, webhookDeliveryView, webhookEndpointView } from '../../domain/webhook-views.js';
import type { UseCases } from '../../use-cases/index.js';
import type { DocumentedRouter } from '../http/documented-router.js';
import type { ErrorCode } from '../http/error-messages.js';
import { actorOf } from '../http/request-context.js';
import { deliveryIdParams, webhookIdParams } from './schemas.js';
import { queryNumber } from '../http/query-number.js';

/** What tells the console's webhook routes from /api/v1's: who may read them. Whose endpoints is the principal's scope, the same on both. */
export interface WebhookCallers {
  readMiddleware: RequestHandler[];
  /** The refusals the middleware adds. */
  readErrors: ErrorCode[];
}
const anyKey: WebhookCallers = { readMiddleware: [], readErrors: [] };

/** One endpoint, the same under /api/admin and /api/v1. */
export function oneEndpointRoute(routes: DocumentedRouter, webhooks: UseCases['webhooks'], callers: WebhookCallers) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/webhooks/:id',
    summary: 'One webhook endpoint (never its secret)',
    params: webhookIdParams,
    responses: { 200: { description: 'The endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND', ...callers.readErrors],
    middleware: callers.readMiddleware,
    handler: async ({ params, scope }, _req, res) => {
      res.json(await webhooks.findEndpoint(scope, params.id));
    },
  });
}

/** Resending a delivery, the same under /api/admin and /api/v1. */
export function resendDeliveryRoute(routes: DocumentedRouter, webhooks: UseCases['webhooks']) {
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/webhook-deliveries/:id/resend',
    summary: 'Send a delivery again now: the same body and webhook-id, a fresh series of retries',
    params: deliveryIdParams,
    responses: { 202: { description: 'A new attempt is on its way', schema: webhookDeliveryView } },
    errors: ['WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_DISABLED'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await webhooks.resendDelivery(scope, params.id, actorOf(req)));
    },
  });
}

const page = { limit: queryNumber(z.number().int().min(1).max(500)).default(100), offset: queryNumber(z.number().int().min(0)).default(0) };
const endpointListQuery = z.object({ ...page, tenantId: objectIdSchema.optional().meta({ description: "Only this tenant's endpoints" }) });
const deliveryListQuery = z.object({ ...page, status: z.enum(webhookDeliveryStatuses).optional() });
const newestFirst = { createdAt: -1, _id: -1 } as const;

/**
 * /api/v1/webhooks: another system registers where lifecycle events go (Standard Webhooks; the
 * docs/api.md "Webhooks" says how to verify them). A platform key manages global and tenant endpoints
 * alike; an office's key, its office's. Every change is audited with the key as actor.
 */
export function integrationWebhookRoutes(routes: DocumentedRouter, webhooks: UseCases['webhooks']) {
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/webhooks',
    summary: 'Register a webhook endpoint; the answer holds its signing secret, this once',
    description:
      'Events are POSTed as JSON with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>` under the secret). https only in production.',
    body: newWebhookEndpointSchema,
    responses: { 201: { description: 'Registered; `secret` is not shown again', schema: newWebhookEndpointAnswer } },
    errors: ['UNKNOWN_TENANT', 'OTHER_TENANT', 'FORBIDDEN'],
    handler: async ({ body, scope }, req, res) => {
      res.status(201).json(await webhooks.createEndpoint(scope, body, actorOf(req)));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/webhooks',
    summary: 'List webhook endpoints (never their secrets), newest first',
    query: endpointListQuery,
    responses: { 200: { description: 'A page of endpoints', schema: z.object({ items: z.array(webhookEndpointView), total: z.number().int() }) } },
    handler: async ({ query: { tenantId, offset, limit }, scope }, _req, res) => {
      res.json(await webhooks.listEndpoints(scope, { tenantId }, { sort: newestFirst, skip: offset, limit }));
    },
  });

  oneEndpointRoute(routes, webhooks, anyKey);

  routes.route({
    method: 'patch',
    scope: 'tenant',
    path: '/webhooks/:id',
    summary: 'Change the URL, the event filter, the description, or enable/disable the endpoint',
    params: webhookIdParams,
    body: webhookEndpointPatchSchema.strict(),
    responses: { 200: { description: 'The updated endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND'],
    handler: async ({ params, body, scope }, req, res) => {
      res.json(await webhooks.updateEndpoint(scope, params.id, body, actorOf(req)));
    },
  });

  routes.route({
    method: 'delete',
    scope: 'tenant',
    path: '/webhooks/:id',
    summary: 'Delete an endpoint and its delivery log; deliveries in progress stop without sending',
    params: webhookIdParams,
    responses: { 200: { description: 'The deleted endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND'],
    handler: async ({ params, scope }, req, res) => {
      res.json(await webhooks.deleteEndpoint(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/webhooks/:id/deliveries',
    summary: "The endpoint's delivery log, newest first: status, attempts, last answer, next attempt",
    params: webhookIdParams,
    query: deliveryListQuery,
    responses: { 200: { description: 'A page of deliveries', schema: z.object({ items: z.array(webhookDeliveryView), total: z.number().int() }) } },
    errors: ['WEBHOOK_NOT_FOUND'],
    handler: async ({ params, query: { status, offset, limit }, scope }, _req, res) => {
      await webhooks.findEndpoint(scope, params.id);
      res.json(await webhooks.listDeliveries(scope, { endpointId: params.id, status }, { sort: newestFirst, skip: offset, limit }));
    },
  });

  resendDeliveryRoute(routes, webhooks);
}
