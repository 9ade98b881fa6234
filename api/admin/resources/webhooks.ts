import type { RequestHandler } from 'express';
import { z } from 'zod';
import { objectIdSchema } from '../../../domain/user.js';
import { newWebhookEndpointSchema, webhookEndpointPatchSchema } from '../../../domain/webhook-endpoint.js';
import { webhookDeliveryStatuses } from '../../../domain/webhook-events.js';
import { newWebhookEndpointAnswer, webhookDeliveryView, webhookEndpointView } from '../../../domain/webhook-views.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { fail } from '../../http/error-messages.js';
import { actorOf } from '../../http/request-context.js';
import { oneEndpointRoute, resendDeliveryRoute, type WebhookCallers } from '../../webhooks/routes.js';
import { deliveryIdParams, webhookIdParams } from '../../webhooks/schemas.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

const endpointListSpec = {
  filter: z.object({ id: idFilter(objectIdSchema), tenantId: objectIdSchema.optional() }),
  sortFields: { id: '_id', createdAt: 'createdAt' },
  defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'],
};
const deliveryListSpec = {
  filter: z.object({ id: idFilter(z.string()), endpointId: objectIdSchema.optional(), status: z.enum(webhookDeliveryStatuses).optional() }),
  sortFields: { createdAt: 'createdAt' },
  defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'],
};

/** Endpoints and their logs say which systems hear about users, and where: the admin role only, like keys. */
const readsNeedAdminRole: RequestHandler = (req, _res, next) => {
  if (req.admin?.role !== 'admin') throw fail('FORBIDDEN', { detail: 'only the admin role sees webhook endpoints' });
  next();
};

const consoleCallers: WebhookCallers = { readMiddleware: [readsNeedAdminRole], readErrors: ['FORBIDDEN'] };

/**
 * Webhook endpoints (resource `webhooks`) and their delivery log (resource `webhook-deliveries`)
 * in the ra-data-simple-rest shape, for the console. react-admin's edit sends the whole record
 * with PUT; only url, events, description and enabled are taken from it.
 */
export function adminWebhookRoutes(routes: DocumentedRouter, webhooks: UseCases['webhooks']) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/webhooks',
    summary: 'List webhook endpoints (never their secrets)',
    description: 'Filters: id, tenantId. Sorts: id, createdAt.',
    query: listQuerySchema(endpointListSpec),
    responses: { 200: { description: 'A page of endpoints', schema: z.array(webhookEndpointView), headers: { 'Content-Range': 'webhooks 0-24/3' } } },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query, scope }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, endpointListSpec);
      sendList(res, 'webhooks', await webhooks.listEndpoints(scope, filter, page), page.skip);
    },
  });
  oneEndpointRoute(routes, webhooks, consoleCallers);
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/webhooks',
    summary: 'Register a webhook endpoint; the answer holds its signing secret, this once',
    body: newWebhookEndpointSchema,
    responses: { 201: { description: 'Registered', schema: newWebhookEndpointAnswer } },
    errors: ['UNKNOWN_TENANT', 'OTHER_TENANT'],
    handler: async ({ body, scope }, req, res) => {
      res.status(201).json(await webhooks.createEndpoint(scope, body, actorOf(req)));
    },
  });
  routes.route({
    method: 'put',
    scope: 'tenant',
    path: '/webhooks/:id',
    summary: 'Update an endpoint: url, events, description, enabled (other fields of the record are ignored)',
    params: webhookIdParams,
    body: webhookEndpointPatchSchema,
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
    summary: 'Delete an endpoint and its delivery log',
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
    path: '/webhook-deliveries',
    summary: 'The webhook delivery log (ra-data-simple-rest; getManyReference by endpointId)',
    description: 'Filters: id, endpointId, status. Sort: createdAt.',
    query: listQuerySchema(deliveryListSpec),
    responses: {
      200: { description: 'A page of deliveries', schema: z.array(webhookDeliveryView), headers: { 'Content-Range': 'webhook-deliveries 0-24/40' } },
    },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query, scope }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, deliveryListSpec);
      sendList(res, 'webhook-deliveries', await webhooks.listDeliveries(scope, filter, page), page.skip);
    },
  });
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/webhook-deliveries/:id',
    summary: 'One webhook delivery',
    params: deliveryIdParams,
    responses: { 200: { description: 'The delivery', schema: webhookDeliveryView } },
    errors: ['WEBHOOK_DELIVERY_NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await webhooks.findDelivery(scope, params.id));
    },
  });
  resendDeliveryRoute(routes, webhooks);
}
