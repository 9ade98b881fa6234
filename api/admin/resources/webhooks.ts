import type { Request, RequestHandler } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../../../data/models/index.js';
import { objectIdSchema } from '../../../domain/user.js';
import { newWebhookEndpointSchema, webhookEndpointPatchSchema } from '../../../domain/webhook-endpoint.js';
import { webhookDeliveryStatuses } from '../../../domain/webhook-events.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { fail } from '../../http/error-messages.js';
import { actorOf } from '../../http/request-context.js';
import { findDeliveryOrFail, resendDelivery, toDeliveryView } from '../../webhooks/deliveries.js';
import { createEndpoint, deleteEndpoint, findEndpointOrFail, toEndpointView, updateEndpoint, type EndpointScope } from '../../webhooks/endpoints.js';
import { publishDeps, webhookSettings, type WebhookRouteDeps } from '../../webhooks/routes.js';
import { newWebhookEndpointAnswer, webhookDeliveryView, webhookEndpointView } from '../../../domain/webhook-views.js';
import { deliveryIdParams, webhookIdParams } from '../../webhooks/schemas.js';
import { findPage } from '../list-queries.js';
import { idFilter, listQuerySchema, match, parseListQuery, sendList } from '../simple-rest.js';

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

/** A console account linked to a tenant user manages its tenant's endpoints only (api/webhooks/endpoints.ts). */
const scopeOf = (req: Request): EndpointScope => (req.admin?.tenantUserId ? { tenantId: req.admin.tenantId ?? '' } : null);

/**
 * Webhook endpoints (resource `webhooks`) and their delivery log (resource `webhook-deliveries`)
 * in the ra-data-simple-rest shape, for the console. react-admin's edit sends the whole record
 * with PUT; only url, events, description and enabled are taken from it.
 */
export function adminWebhookRoutes(routes: DocumentedRouter, deps: WebhookRouteDeps) {
  const settings = webhookSettings(deps.config);

  routes.route({
    method: 'get',
    path: '/webhooks',
    summary: 'List webhook endpoints (never their secrets)',
    description: 'Filters: id, tenantId. Sorts: id, createdAt.',
    query: listQuerySchema,
    responses: { 200: { description: 'A page of endpoints', schema: z.array(webhookEndpointView), headers: { 'Content-Range': 'webhooks 0-24/3' } } },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query }, _req, res) => {
      const { filter, sort, skip, limit } = parseListQuery(query, endpointListSpec);
      const where = { ...match('_id', filter.id, (id) => new Types.ObjectId(id)), ...match('tenantId', filter.tenantId, (id) => new Types.ObjectId(id)) };
      const { records, total } = await findPage<Parameters<typeof toEndpointView>[0]>(WebhookEndpointModel, where, sort, skip, limit);
      sendList(res, 'webhooks', records.map(toEndpointView), skip, total);
    },
  });
  routes.route({
    method: 'get',
    path: '/webhooks/:id',
    summary: 'One webhook endpoint (never its secret)',
    params: webhookIdParams,
    responses: { 200: { description: 'The endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params }, _req, res) => {
      res.json(await findEndpointOrFail(params.id));
    },
  });
  routes.route({
    method: 'post',
    path: '/webhooks',
    summary: 'Register a webhook endpoint; the answer holds its signing secret, this once',
    body: newWebhookEndpointSchema,
    responses: { 201: { description: 'Registered', schema: newWebhookEndpointAnswer } },
    errors: ['UNKNOWN_TENANT', 'OTHER_TENANT'],
    handler: async ({ body }, req, res) => {
      // Never cached anywhere on the way back: this answer is the only copy of the secret.
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(await createEndpoint(settings, body, actorOf(req), scopeOf(req)));
    },
  });
  routes.route({
    method: 'put',
    path: '/webhooks/:id',
    summary: 'Update an endpoint: url, events, description, enabled (other fields of the record are ignored)',
    params: webhookIdParams,
    body: webhookEndpointPatchSchema,
    responses: { 200: { description: 'The updated endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, body }, req, res) => {
      res.json(await updateEndpoint(settings, params.id, body, actorOf(req), scopeOf(req)));
    },
  });
  routes.route({
    method: 'delete',
    path: '/webhooks/:id',
    summary: 'Delete an endpoint and its delivery log',
    params: webhookIdParams,
    responses: { 200: { description: 'The deleted endpoint', schema: webhookEndpointView } },
    errors: ['WEBHOOK_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params }, req, res) => {
      res.json(await deleteEndpoint(params.id, actorOf(req), scopeOf(req)));
    },
  });

  routes.route({
    method: 'get',
    path: '/webhook-deliveries',
    summary: 'The webhook delivery log (ra-data-simple-rest; getManyReference by endpointId)',
    description: 'Filters: id, endpointId, status. Sort: createdAt.',
    query: listQuerySchema,
    responses: {
      200: { description: 'A page of deliveries', schema: z.array(webhookDeliveryView), headers: { 'Content-Range': 'webhook-deliveries 0-24/40' } },
    },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query }, _req, res) => {
      const { filter, sort, skip, limit } = parseListQuery(query, deliveryListSpec);
      const where = {
        ...match('_id', filter.id),
        ...match('endpointId', filter.endpointId, (id) => new Types.ObjectId(id)),
        ...match('status', filter.status),
      };
      const { records, total } = await findPage<Parameters<typeof toDeliveryView>[0]>(WebhookDeliveryModel, where, sort, skip, limit);
      sendList(res, 'webhook-deliveries', records.map(toDeliveryView), skip, total);
    },
  });
  routes.route({
    method: 'get',
    path: '/webhook-deliveries/:id',
    summary: 'One webhook delivery',
    params: deliveryIdParams,
    responses: { 200: { description: 'The delivery', schema: webhookDeliveryView } },
    errors: ['WEBHOOK_DELIVERY_NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params }, _req, res) => {
      res.json(toDeliveryView(await findDeliveryOrFail(params.id)));
    },
  });
  routes.route({
    method: 'post',
    path: '/webhook-deliveries/:id/resend',
    summary: 'Send a delivery again now: the same body and webhook-id, a fresh series of retries',
    params: deliveryIdParams,
    responses: { 202: { description: 'A new attempt is on its way', schema: webhookDeliveryView } },
    errors: ['WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_DISABLED', 'OTHER_TENANT'],
    handler: async ({ params }, req, res) => {
      res.status(202).json(await resendDelivery(publishDeps(deps), params.id, actorOf(req), scopeOf(req)));
    },
  });
}
