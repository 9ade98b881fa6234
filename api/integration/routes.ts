import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/env.js';
import { z } from 'zod';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { DocumentedRouter } from '../http/documented-router.js';
import { integrationMigrationRoutes } from '../migrations/routes.js';
import { fail } from '../http/error-messages.js';
import { actorOf } from '../http/request-context.js';
import { newTenantSchema, tenantIdParams } from '../tenants/schemas.js';
import { createTenant, findTenantViewOrFail, tenantView, toTenantView } from '../tenants/tenants.js';
import { TenantModel } from '../../data/models/index.js';
import { deactivateSchema, newUserSchema, onboardingPatchSchema, userIdParams } from '../users/schemas.js';
import { updateUser } from '../users/update-user.js';
import type { UserLifecycleActions } from '../users/user-actions.js';
import { onboardingView, toOnboardingView, userView } from '../users/user-view.js';
import { integrationWebhookRoutes } from '../webhooks/routes.js';
import { requireApiKey } from './auth.js';
import { idempotencyHeaders, idempotent } from './idempotency.js';
import { BATCH_LIMIT, batchItemResult, onboard, onboardBatch } from './onboardings.js';

const batchSchema = z
  .object({
    items: z
      .array(z.unknown())
      .min(1)
      .meta({ description: `Up to ${BATCH_LIMIT} onboardings (each as POST /api/v1/onboardings)` }),
  })
  .meta({ id: 'OnboardingBatch' });
const tenantListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) });

/** /api/v1: what other systems call, with an API key. Every change is audited with the key as actor. */
export function integrationRoutes(
  registry: OpenAPIRegistry,
  deps: { actions: UserLifecycleActions; lifecycle: LifecycleClient; temporal: Client; config: Config },
) {
  const { actions } = deps;
  const routes = new DocumentedRouter(registry, '/api/v1', { tag: 'Integration', security: 'apiKey', errors: ['UNAUTHENTICATED'] });
  routes.router.use(requireApiKey);

  routes.route({
    method: 'post',
    path: '/onboardings',
    summary: 'Create (or find) a user and start its activation lifecycle',
    description:
      'Idempotent: the same Idempotency-Key replays the first answer; the same tenantId+externalId (or the same e-mail in the tenant) finds the same user. Either way one workflow and one invitation e-mail.',
    headers: idempotencyHeaders,
    body: newUserSchema,
    responses: {
      201: { description: 'Created; the invitation is on its way', schema: onboardingView },
      200: { description: 'Already onboarded: the same user', schema: onboardingView },
    },
    errors: ['EMAIL_TAKEN', 'CODE_TAKEN', 'UNKNOWN_TENANT', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'],
    handler: async ({ body, headers }, req, res) => {
      const actor = actorOf(req);
      const answer = await idempotent(`onboardings:${actor.id}`, headers['idempotency-key'], body, () => onboard(actions, body, actor));
      res.status(answer.status).json(answer.body);
    },
  });

  routes.route({
    method: 'post',
    path: '/onboardings/batch',
    summary: `Onboard up to ${BATCH_LIMIT} users in one call, with a result per item`,
    headers: idempotencyHeaders,
    body: batchSchema,
    responses: { 200: { description: 'One result per item, in order', schema: z.object({ results: z.array(batchItemResult) }) } },
    errors: ['BATCH_TOO_LARGE', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'],
    handler: async ({ body, headers, locale }, req, res) => {
      if (body.items.length > BATCH_LIMIT)
        throw fail('BATCH_TOO_LARGE', { fields: [{ path: 'items', message: `${body.items.length} items; split into calls of at most ${BATCH_LIMIT}` }] });
      const actor = actorOf(req);
      const answer = await idempotent(`batch:${actor.id}`, headers['idempotency-key'], body, async () => ({
        status: 200,
        body: { results: await onboardBatch(actions, body.items, actor, locale) },
      }));
      res.status(answer.status).json(answer.body);
    },
  });

  routes.route({
    method: 'get',
    path: '/onboardings/:id',
    summary: 'Status and timestamps of an onboarding, live from the workflow while it runs',
    params: userIdParams,
    responses: { 200: { description: 'The onboarding', schema: onboardingView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params }, _req, res) => {
      res.json(await actions.onboardingStatus(params.id));
    },
  });

  routes.route({
    method: 'patch',
    path: '/onboardings/:id',
    summary: 'Change the login e-mail (a new invitation goes to it), the name or the locale',
    params: userIdParams,
    body: onboardingPatchSchema,
    responses: { 200: { description: 'The updated onboarding', schema: onboardingView } },
    errors: ['USER_NOT_FOUND', 'EMAIL_TAKEN'],
    handler: async ({ params, body }, req, res) => {
      res.json(toOnboardingView(await updateUser(deps.lifecycle, params.id, body, actorOf(req)), null));
    },
  });

  const action = (name: 'resend' | 'deactivate' | 'reactivate', summary: string) =>
    routes.route({
      method: 'post',
      path: `/onboardings/:id/${name}`,
      summary,
      params: userIdParams,
      ...(name === 'deactivate' ? { body: deactivateSchema } : {}),
      responses: { 202: { description: 'Requested; the status changes once the workflow acts', schema: userView } },
      errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE'],
      handler: async ({ params, body }, req, res) => {
        const actor = actorOf(req);
        const user =
          name === 'resend'
            ? await actions.resend(params.id, actor)
            : name === 'deactivate'
              ? await actions.deactivate(params.id, actor, (body as { reason?: string } | undefined)?.reason)
              : await actions.reactivate(params.id, actor);
        res.status(202).json(user);
      },
    });
  routes.route({
    method: 'post',
    path: '/onboardings/:id/login-link',
    summary: "The main system confirms it linked the user's login (answer to the user.login_link_requested webhook); access follows",
    params: userIdParams,
    responses: { 202: { description: 'Confirmed; the status becomes active once the workflow acts', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE', 'LOGIN_LINK_NOT_REQUESTED'],
    handler: async ({ params }, req, res) => {
      res.status(202).json(await actions.confirmLoginLink(params.id, actorOf(req)));
    },
  });
  action('resend', 'Send the invitation again (the old link dies)');
  action('deactivate', 'Deactivate: links die, no more e-mails, sign-in refused');
  action('reactivate', 'Reactivate a deactivated user');

  routes.route({
    method: 'get',
    path: '/tenants',
    summary: 'List tenants',
    query: tenantListQuery,
    responses: { 200: { description: 'A page of tenants', schema: z.object({ items: z.array(tenantView), total: z.number().int() }) } },
    handler: async ({ query }, _req, res) => {
      const [tenants, total] = await Promise.all([
        TenantModel.find({}).sort({ createdAt: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean(),
        TenantModel.countDocuments({}),
      ]);
      res.json({ items: tenants.map(toTenantView), total });
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

  integrationMigrationRoutes(routes, deps);
  integrationWebhookRoutes(routes, deps);

  return routes;
}
