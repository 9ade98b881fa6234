import { Types } from 'mongoose';
import { z } from 'zod';
import { TenantModel } from '../../../data/models/index.js';
import { planSchema } from '../../../domain/tenant.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { newTenantSchema, tenantIdParams, tenantUpdateSchema } from '../../tenants/schemas.js';
import { createTenant, deleteTenant, findTenantViewOrFail, tenantView, toTenantView, updateTenant } from '../../tenants/tenants.js';
import { findPage } from '../list-queries.js';
import { idFilter, listQuerySchema, match, parseListQuery, prefixSearch, sendList } from '../simple-rest.js';

export const tenantListSpec = {
  filter: z.object({ q: z.string().max(200).optional(), id: idFilter(objectIdSchema), plan: z.union([planSchema, z.array(planSchema)]).optional() }),
  sortFields: { id: '_id', name: 'nameLower', plan: 'plan', createdAt: 'createdAt' },
  defaultSort: ['name', 'ASC'] as ['name', 'ASC'],
};

/** The MongoDB filter of a tenants list: `q` is a prefix of the lowercased name, a range on its index. */
export const tenantListWhere = (filter: z.output<typeof tenantListSpec.filter>) => ({
  ...match('_id', filter.id, (id) => new Types.ObjectId(id)),
  ...prefixSearch(['nameLower'], filter.q),
  ...match('plan', filter.plan),
});

export function adminTenantRoutes(routes: DocumentedRouter) {
  routes.route({
    method: 'get',
    path: '/tenants',
    summary: 'List tenants',
    description: 'Filters: q (name prefix), id, plan. Sorts: id, name, plan, createdAt.',
    query: listQuerySchema,
    responses: { 200: { description: 'A page of tenants', schema: z.array(tenantView), headers: { 'Content-Range': 'tenants 0-24/40' } } },
    handler: async ({ query }, _req, res) => {
      const { filter, sort, skip, limit } = parseListQuery(query, tenantListSpec);
      const { records, total } = await findPage<Parameters<typeof toTenantView>[0]>(TenantModel, tenantListWhere(filter), sort, skip, limit);
      sendList(res, 'tenants', records.map(toTenantView), skip, total);
    },
  });

  routes.route({
    method: 'get',
    path: '/tenants/:id',
    summary: 'One tenant',
    params: tenantIdParams,
    responses: { 200: { description: 'The tenant', schema: tenantView } },
    errors: ['TENANT_NOT_FOUND'],
    handler: async ({ params }, _req, res) => {
      res.json(await findTenantViewOrFail(params.id));
    },
  });

  routes.route({
    method: 'post',
    path: '/tenants',
    summary: 'Create a tenant',
    body: newTenantSchema,
    responses: { 201: { description: 'Created', schema: tenantView } },
    handler: async ({ body }, req, res) => {
      res.status(201).json(await createTenant(body, actorOf(req)));
    },
  });

  routes.route({
    method: 'put',
    path: '/tenants/:id',
    summary: 'Update a tenant',
    params: tenantIdParams,
    body: tenantUpdateSchema,
    responses: { 200: { description: 'The updated tenant', schema: tenantView } },
    errors: ['TENANT_NOT_FOUND'],
    handler: async ({ params, body }, req, res) => {
      res.json(await updateTenant(params.id, body, actorOf(req)));
    },
  });

  routes.route({
    method: 'delete',
    path: '/tenants/:id',
    summary: 'Delete a tenant that has no users',
    params: tenantIdParams,
    responses: { 200: { description: 'The deleted tenant', schema: tenantView } },
    errors: ['TENANT_NOT_FOUND', 'TENANT_HAS_USERS'],
    handler: async ({ params }, req, res) => {
      res.json(await deleteTenant(params.id, actorOf(req)));
    },
  });
}
