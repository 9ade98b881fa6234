import { z } from 'zod';
import { apiKeyView, newApiKeySchema } from '../../../domain/api-key.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { readsNeedAdminRole } from '../permissions.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

const newApiKeyAnswer = apiKeyView
  .extend({ key: z.string().meta({ description: 'The key, answered this once: send it as `Authorization: Bearer <key>`. Only its SHA-256 is stored.' }) })
  .meta({ id: 'NewApiKeyAnswer' });
const params = z.object({ id: objectIdSchema });
const listSpec = {
  filter: z.object({ id: idFilter(objectIdSchema), revoked: z.boolean().optional(), tenantId: objectIdSchema.optional() }),
  sortFields: { id: '_id', createdAt: 'createdAt' },
  defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'],
};

/**
 * Integration API keys (resource `api-keys`), the console's side of `npm run cli -- api-keys`:
 * only the `admin` role sees them. A platform account makes platform keys and keys of any office;
 * an office's account sees, makes and revokes its own office's keys only.
 */
export function adminApiKeyRoutes(routes: DocumentedRouter, apiKeys: UseCases['apiKeys']) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/api-keys',
    summary: 'List integration API keys (never the key nor its hash)',
    description: 'Filters: id, revoked (true: revoked keys only, false: active ones), tenantId. Sorts: id, createdAt.',
    query: listQuerySchema(listSpec),
    responses: { 200: { description: 'A page of keys', schema: z.array(apiKeyView), headers: { 'Content-Range': 'api-keys 0-24/3' } } },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query, scope }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, listSpec);
      sendList(res, 'api-keys', await apiKeys.list(scope, filter, page), page.skip);
    },
  });
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/api-keys/:id',
    summary: 'One integration API key (never the key nor its hash)',
    params,
    responses: { 200: { description: 'The key', schema: apiKeyView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params: { id }, scope }, _req, res) => {
      res.json(await apiKeys.find(scope, id));
    },
  });
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/api-keys',
    summary: 'Create an integration API key; the answer holds the key, this once',
    body: newApiKeySchema,
    responses: { 201: { description: 'Created', schema: newApiKeyAnswer } },
    errors: ['UNKNOWN_TENANT', 'OTHER_TENANT'],
    handler: async ({ body, scope }, req, res) => {
      const admin = req.admin!;
      const created = await apiKeys.create(scope, body, { type: 'admin', id: admin.id, email: admin.email });
      res.status(201).json(created);
    },
  });
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/api-keys/:id/revoke',
    summary: 'Revoke an integration API key: refused from the next call on; the record stays, with revokedAt',
    params,
    responses: { 200: { description: 'The revoked key (unchanged when it already was)', schema: apiKeyView } },
    errors: ['NOT_FOUND'],
    handler: async ({ params: { id }, scope }, req, res) => {
      res.json(await apiKeys.revokeById(scope, id, actorOf(req)));
    },
  });
}
