import type { UseCases } from '../../use-cases/index.js';
import type { DocumentedRouter } from '../http/documented-router.js';
import { actorOf } from '../http/request-context.js';
import { newTenantSchema, tenantIdParams, tenantView } from './schemas.js';

/** Reading one tenant and creating one: the same under /api/admin and /api/v1 (each router lists tenants its own way). */
export function tenantRoutes(routes: DocumentedRouter, tenants: UseCases['tenants']) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:id',
    summary: 'One tenant',
    params: tenantIdParams,
    responses: { 200: { description: 'The tenant', schema: tenantView } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await tenants.find(scope, params.id));
    },
  });

  routes.route({
    method: 'post',
    scope: 'platform',
    path: '/tenants',
    summary: 'Create a tenant',
    body: newTenantSchema,
    responses: { 201: { description: 'Created', schema: tenantView } },
    handler: async ({ body }, req, res) => {
      res.status(201).json(await tenants.create(body, actorOf(req)));
    },
  });
}
