import { z } from 'zod';
import { emailTemplates } from '../../../domain/email.js';
import { localeSchema } from '../../../domain/locale.js';
import { planSchema } from '../../../domain/tenant.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { tenantRoutes } from '../../tenants/routes.js';
import { tenantIdParams, tenantUpdateSchema, tenantView } from '../../tenants/schemas.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

/** The tenants list's filters and sorts (the filter itself: data/tenants.ts). */
export const tenantListSpec = {
  filter: z.object({ q: z.string().max(200).optional(), id: idFilter(objectIdSchema), plan: z.union([planSchema, z.array(planSchema)]).optional() }),
  sortFields: { id: '_id', name: 'nameLower', plan: 'plan', createdAt: 'createdAt' },
  defaultSort: ['name', 'ASC'] as ['name', 'ASC'],
};

const previewQuery = z.object({
  template: z.enum(emailTemplates).default('invitation'),
  locale: localeSchema.default('pt-BR'),
});
const emailPreviewView = z
  .object({
    from: z.string(),
    replyTo: z.string().nullable(),
    subject: z.string(),
    text: z.string(),
    html: z.string().meta({ description: 'The HTML part, to show in a sandboxed frame' }),
  })
  .meta({ id: 'EmailPreview' });

export function adminTenantRoutes(routes: DocumentedRouter, tenants: UseCases['tenants']) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:id/email-preview',
    summary: "One of the office's e-mails as its people will get it (sample content): its sender, reply-to, logo, colour and support contact",
    params: tenantIdParams,
    query: previewQuery,
    responses: { 200: { description: 'The rendered e-mail', schema: emailPreviewView } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, query, scope }, _req, res) => {
      res.json(await tenants.emailPreview(scope, { tenantId: params.id, ...query }));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants',
    summary: 'List tenants',
    description: 'Filters: q (name prefix), id, plan. Sorts: id, name, plan, createdAt.',
    query: listQuerySchema(tenantListSpec),
    responses: { 200: { description: 'A page of tenants', schema: z.array(tenantView), headers: { 'Content-Range': 'tenants 0-24/40' } } },
    handler: async ({ query, scope }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, tenantListSpec);
      sendList(res, 'tenants', await tenants.list(scope, filter, page), page.skip);
    },
  });

  tenantRoutes(routes, tenants);

  routes.route({
    method: 'put',
    scope: 'tenant',
    path: '/tenants/:id',
    summary: 'Update a tenant',
    params: tenantIdParams,
    body: tenantUpdateSchema,
    responses: { 200: { description: 'The updated tenant', schema: tenantView } },
    description: "An office's own account changes its selfSignup only; name, plan and requiresLoginLink are the platform's (FORBIDDEN when they differ).",
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, body, scope }, req, res) => {
      res.json(await tenants.update(scope, params.id, body, actorOf(req)));
    },
  });

  routes.route({
    method: 'delete',
    scope: 'platform',
    path: '/tenants/:id',
    summary: 'Delete a tenant that has no users',
    params: tenantIdParams,
    responses: { 200: { description: 'The deleted tenant', schema: tenantView } },
    errors: ['TENANT_NOT_FOUND', 'TENANT_HAS_USERS'],
    handler: async ({ params }, req, res) => {
      res.json(await tenants.delete(params.id, actorOf(req)));
    },
  });
}
