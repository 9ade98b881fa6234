import { z } from 'zod';
import { scimTokenView } from '../../../domain/scim-token.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { readsNeedAdminRole } from '../permissions.js';

const newScimTokenAnswer = scimTokenView
  .extend({
    token: z.string().meta({ description: 'The bearer token, answered this once; only its SHA-256 is stored' }),
    baseUrl: z.string().meta({ description: 'The SCIM base URL to type into the identity provider' }),
  })
  .meta({ id: 'NewScimTokenAnswer' });
const newScimTokenSchema = z
  .object({ name: z.string().trim().min(1).max(100).meta({ description: 'Who uses it, e.g. "Okta" or "Microsoft Entra"' }) })
  .meta({ id: 'NewScimToken' });
const tenantParams = z.object({ tenantId: objectIdSchema });
const tokenParams = z.object({ id: objectIdSchema });

/**
 * SCIM tokens of a tenant (the tenant page's "SCIM provisioning" card), the console's side of
 * `npm run cli -- scim-tokens`. Like API keys: only the admin role sees them, an office's account
 * sees, makes and revokes its own office's only, and a token is shown once.
 */
export function adminScimTokenRoutes(routes: DocumentedRouter, scimTokens: UseCases['scimTokens'], publicUrl: string) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:tenantId/scim-tokens',
    summary: "A tenant's SCIM tokens, newest first (never the token nor its hash)",
    params: tenantParams,
    responses: { 200: { description: 'The tokens', schema: z.array(scimTokenView) } },
    errors: ['FORBIDDEN', 'TENANT_NOT_FOUND', 'OTHER_TENANT'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await scimTokens.ofTenant(scope, params.tenantId));
    },
  });
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/tenants/:tenantId/scim-tokens',
    summary: 'Create a SCIM token for the tenant; the answer holds the token, this once',
    params: tenantParams,
    body: newScimTokenSchema,
    responses: { 201: { description: 'Created', schema: newScimTokenAnswer } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, body, scope }, req, res) => {
      const { tenantName: _name, ...created } = await scimTokens.create(scope, params.tenantId, body.name, actorOf(req));
      res.status(201).json({ ...created, baseUrl: `${publicUrl}/scim/v2` });
    },
  });
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/scim-tokens/:id/revoke',
    summary: 'Revoke a SCIM token: the identity provider is refused from its next call on',
    params: tokenParams,
    responses: { 200: { description: 'The revoked token (unchanged when it already was)', schema: scimTokenView } },
    errors: ['NOT_FOUND'],
    handler: async ({ params, scope }, req, res) => {
      res.json(await scimTokens.revokeById(scope, params.id, actorOf(req)));
    },
  });
}
