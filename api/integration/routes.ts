import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Config } from '../../config/env.js';
import { z } from 'zod';
import { DocumentedRouter } from '../http/documented-router.js';
import { integrationMigrationRoutes } from '../migrations/routes.js';
import { actorOf } from '../http/request-context.js';
import { onboardingView } from '../../domain/onboarding.js';
import { BATCH_LIMIT, type UseCases } from '../../use-cases/index.js';
import { tenantRoutes } from '../tenants/routes.js';
import { tenantView } from '../tenants/schemas.js';
import { deactivateSchema, newUserSchema, onboardingPatchSchema, userIdParams, userSyncPage, userSyncQuery, userView } from '../users/schemas.js';
import { integrationWebhookRoutes } from '../webhooks/routes.js';
import { requireApiKey } from './auth.js';
import { idempotencyHeaders, idempotent } from './idempotency.js';
import { batchItemResult, toBatchItemResult } from './batch-results.js';
import { queryNumber } from '../http/query-number.js';

const batchSchema = z
  .object({
    items: z
      .array(z.unknown())
      .min(1)
      // More items are BATCH_TOO_LARGE (413), answered by the use-case, so the bound is stated rather than parsed.
      .meta({ description: `Up to ${BATCH_LIMIT} onboardings (each as POST /api/v1/onboardings)`, maxItems: BATCH_LIMIT }),
  })
  .meta({ id: 'OnboardingBatch' });
const tenantListQuery = z.object({
  limit: queryNumber(z.number().int().min(1).max(500)).default(100),
  offset: queryNumber(z.number().int().min(0)).default(0),
});

/** The next page's address: the request's own filters and limit, with the next cursor. */
function nextPageUrl(publicUrl: string, query: z.output<typeof userSyncQuery>, cursor: string) {
  const params = new URLSearchParams();
  if (query.tenantId) params.set('tenantId', query.tenantId);
  for (const status of query.status ?? []) params.append('status', status);
  if (query.updatedSince) params.set('updatedSince', query.updatedSince);
  params.set('limit', String(query.limit));
  params.set('cursor', cursor);
  return `${publicUrl}/api/v1/users?${params}`;
}

/**
 * /api/v1: what other systems call, with an API key. Every change is audited with the key as actor.
 * Each key's calls are counted (API_RATE_LIMIT per RATE_LIMIT_WINDOW; RateLimit headers, 429 past it).
 */
export function integrationRoutes(
  registry: OpenAPIRegistry,
  deps: { config: Pick<Config, 'IDEMPOTENCY_LEASE' | 'RATE_LIMIT_WINDOW' | 'API_RATE_LIMIT' | 'publicUrl'>; useCases: UseCases },
) {
  const { onboarding, users, tenants, migrations, webhooks, apiKeys } = deps.useCases;
  const routes = new DocumentedRouter(registry, '/api/v1', {
    tag: 'Integration',
    security: 'apiKey',
    errors: ['UNAUTHENTICATED', 'API_KEY_EXPIRED', 'RATE_LIMITED'],
  });
  routes.router.use(requireApiKey(apiKeys, { windowMs: deps.config.RATE_LIMIT_WINDOW, limit: deps.config.API_RATE_LIMIT }));

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/users',
    summary: 'List users for another system to sync from: filtered, in id order, paged with an opaque cursor',
    description:
      'Walk from the first page (no cursor) to the last (nextCursor null), sending each nextCursor with the same filters: every user that ' +
      'existed when the walk started comes exactly once, whatever changes meanwhile (the order is the immutable id). For an incremental ' +
      "sync, pass updatedSince = when the previous walk started. An office's key lists its own office. A cursor with other filters, or " +
      'that this list did not give out, is 400 VALIDATION_FAILED on `cursor`. The Link header (rel="next") holds the address of the next page.',
    query: userSyncQuery,
    responses: {
      200: {
        description: 'A page of users and the cursor of the next one',
        schema: userSyncPage,
        headers: { Link: '<…/api/v1/users?…&cursor=…>; rel="next", when there is a next page' },
      },
    },
    errors: ['OTHER_TENANT'],
    handler: async ({ query, scope }, _req, res) => {
      const page = await users.sync(scope, query);
      if (page.nextCursor) res.set('Link', `<${nextPageUrl(deps.config.publicUrl, query, page.nextCursor)}>; rel="next"`);
      res.json(page);
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
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
    errors: ['EMAIL_TAKEN', 'CODE_TAKEN', 'UNKNOWN_TENANT', 'OTHER_TENANT', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'],
    handler: async ({ body, headers, scope }, req, res) => {
      const actor = actorOf(req);
      const answer = await idempotent(
        `onboardings:${actor.id}`,
        headers['idempotency-key'],
        body,
        async () => {
          const { created, onboarding: view } = await onboarding.onboard(scope, body, actor);
          return { status: created ? 201 : 200, body: view };
        },
        deps.config.IDEMPOTENCY_LEASE,
      );
      res.status(answer.status).json(answer.body);
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/onboardings/batch',
    summary: `Onboard up to ${BATCH_LIMIT} users in one call, with a result per item`,
    headers: idempotencyHeaders,
    body: batchSchema,
    responses: { 200: { description: 'One result per item, in order', schema: z.object({ results: z.array(batchItemResult) }) } },
    errors: ['BATCH_TOO_LARGE', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'],
    handler: async ({ body, headers, locale, scope }, req, res) => {
      onboarding.checkBatchSize(body.items);
      const actor = actorOf(req);
      const answer = await idempotent(
        `batch:${actor.id}`,
        headers['idempotency-key'],
        body,
        async () => ({
          status: 200,
          body: { results: (await onboarding.onboardBatch(scope, body.items, actor)).map((outcome) => toBatchItemResult(outcome, locale)) },
        }),
        deps.config.IDEMPOTENCY_LEASE,
      );
      res.status(answer.status).json(answer.body);
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/onboardings/:id',
    summary: 'Status and timestamps of an onboarding, live from the workflow while it runs',
    params: userIdParams,
    responses: { 200: { description: 'The onboarding', schema: onboardingView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await onboarding.status(scope, params.id));
    },
  });

  routes.route({
    method: 'patch',
    scope: 'tenant',
    path: '/onboardings/:id',
    summary: 'Change the login e-mail (a new invitation goes to it), the name or the locale',
    params: userIdParams,
    body: onboardingPatchSchema,
    responses: { 200: { description: 'The updated onboarding', schema: onboardingView } },
    errors: ['USER_NOT_FOUND', 'EMAIL_TAKEN'],
    handler: async ({ params, body, scope }, req, res) => {
      res.json(await onboarding.update(scope, params.id, body, actorOf(req)));
    },
  });

  const action = (name: 'resend' | 'deactivate' | 'reactivate', summary: string) =>
    routes.route({
      method: 'post',
      scope: 'tenant',
      path: `/onboardings/:id/${name}`,
      summary,
      params: userIdParams,
      ...(name === 'deactivate' ? { body: deactivateSchema } : {}),
      responses: { 202: { description: 'Requested; the status changes once the workflow acts', schema: userView } },
      errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE'],
      handler: async ({ params, body, scope }, req, res) => {
        const actor = actorOf(req);
        const user =
          name === 'resend'
            ? await users.resend(scope, params.id, actor)
            : name === 'deactivate'
              ? await users.deactivate(scope, params.id, actor, (body as { reason?: string } | undefined)?.reason)
              : await users.reactivate(scope, params.id, actor);
        res.status(202).json(user);
      },
    });
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/onboardings/:id/login-link',
    summary: "The main system confirms it linked the user's login (answer to the user.login_link_requested webhook); access follows",
    params: userIdParams,
    responses: { 202: { description: 'Confirmed; the status becomes active once the workflow acts', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE', 'LOGIN_LINK_NOT_REQUESTED'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await users.confirmLoginLink(scope, params.id, actorOf(req)));
    },
  });
  action('resend', 'Send the invitation again (the old link dies)');
  action('deactivate', 'Deactivate: links die, no more e-mails, sign-in refused');
  action('reactivate', 'Reactivate a deactivated user');

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants',
    summary: 'List tenants',
    query: tenantListQuery,
    responses: { 200: { description: 'A page of tenants', schema: z.object({ items: z.array(tenantView), total: z.number().int() }) } },
    handler: async ({ query: { offset, limit }, scope }, _req, res) => {
      res.json(await tenants.list(scope, {}, { sort: { createdAt: 1, _id: 1 }, skip: offset, limit }));
    },
  });

  tenantRoutes(routes, tenants);

  integrationMigrationRoutes(routes, migrations);
  integrationWebhookRoutes(routes, webhooks);

  return routes;
}
