import { z } from 'zod';
import { apiKeyView, newApiKeySchema } from '../../../domain/api-key.js';
import { objectIdSchema } from '../../../domain/user.js';
import { createApiKey } from '../../../use-cases/api-keys/create-api-key.js';
import { findApiKeyOrFail, listApiKeyPage } from '../../../use-cases/api-keys/list-api-keys.js';
import { revokeApiKeyById } from '../../../use-cases/api-keys/revoke-api-key.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { fail } from '../../http/error-messages.js';
import { actorOf } from '../../http/request-context.js';
import { platformAccountsOnly, readsNeedAdminRole } from '../permissions.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

const newApiKeyAnswer = apiKeyView
  .extend({ key: z.string().meta({ description: 'The key, answered this once: send it as `Authorization: Bearer <key>`. Only its SHA-256 is stored.' }) })
  .meta({ id: 'NewApiKeyAnswer' });
const params = z.object({ id: objectIdSchema });
const listSpec = {
  filter: z.object({ id: idFilter(objectIdSchema), revoked: z.boolean().optional() }),
  sortFields: { id: '_id', createdAt: 'createdAt' },
  defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'],
};

/**
 * Integration API keys (resource `api-keys`), the console's side of `npm run cli -- api-keys`:
 * only the `admin` role sees them, only a platform account makes or revokes them.
 */
export function adminApiKeyRoutes(routes: DocumentedRouter) {
  routes.route({
    method: 'get',
    path: '/api-keys',
    summary: 'List integration API keys (never the key nor its hash)',
    description: 'Filters: id, revoked (true: revoked keys only, false: active ones). Sorts: id, createdAt.',
    query: listQuerySchema(listSpec),
    responses: { 200: { description: 'A page of keys', schema: z.array(apiKeyView), headers: { 'Content-Range': 'api-keys 0-24/3' } } },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, listSpec);
      sendList(res, 'api-keys', await listApiKeyPage(filter, page), page.skip);
    },
  });
  routes.route({
    method: 'get',
    path: '/api-keys/:id',
    summary: 'One integration API key (never the key nor its hash)',
    params,
    responses: { 200: { description: 'The key', schema: apiKeyView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params: { id } }, _req, res) => {
      res.json(await findApiKeyOrFail(id));
    },
  });
  routes.route({
    method: 'post',
    path: '/api-keys',
    summary: 'Create an integration API key; the answer holds the key, this once',
    body: newApiKeySchema,
    responses: { 201: { description: 'Created', schema: newApiKeyAnswer } },
    handler: async ({ body }, req, res) => {
      platformAccountsOnly(req, 'API keys');
      const admin = req.admin;
      if (!admin) throw fail('UNAUTHENTICATED');
      // Never cached anywhere on the way back: this answer is the only copy of the key.
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(await createApiKey(body.name, { type: 'admin', id: admin.id, email: admin.email }));
    },
  });
  routes.route({
    method: 'post',
    path: '/api-keys/:id/revoke',
    summary: 'Revoke an integration API key: refused from the next call on; the record stays, with revokedAt',
    params,
    responses: { 200: { description: 'The revoked key (unchanged when it already was)', schema: apiKeyView } },
    errors: ['NOT_FOUND'],
    handler: async ({ params: { id } }, req, res) => {
      platformAccountsOnly(req, 'API keys');
      res.json(await revokeApiKeyById(id, actorOf(req)));
    },
  });
}
