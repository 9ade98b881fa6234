import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Config } from '../../config/env.js';
import type { UseCases } from '../../use-cases/index.js';
import { checkWorker, type ReadinessDeps } from '../health/readiness.js';
import { DocumentedRouter } from '../http/documented-router.js';
import { adminMigrationRoutes } from '../migrations/routes.js';
import { z } from 'zod';
import { adminConfigView, dashboardView } from '../../domain/dashboard.js';
import { adminActivationRoutes } from './resources/activation.js';
import { adminAccountRoutes } from './resources/admins.js';
import { adminApiKeyRoutes } from './resources/api-keys.js';
import { adminScimTokenRoutes } from './resources/scim-tokens.js';
import { adminReadOnlyRoutes } from './resources/read-only.js';
import { adminTenantRoutes } from './resources/tenants.js';
import { adminUserRoutes } from './resources/users.js';
import { adminWebhookRoutes } from './resources/webhooks.js';
import { requireAdminSession, writesNeedAdminRole } from './session.js';
import { queryNumber } from '../http/query-number.js';

const dashboardQuerySchema = z.object({
  stuckDays: queryNumber(z.number().min(0).max(365)).default(3).meta({ description: 'Invited for more than this many days counts as stuck (default 3)' }),
});

export interface AdminDeps {
  config: Config;
  useCases: UseCases;
  /** The worker check, for the dashboard. */
  readiness: ReadinessDeps;
}

/** /api/admin: the ra-data-simple-rest resources, user actions, dashboard. Every route needs a session; writes need the admin role. */
export function adminRoutes(registry: OpenAPIRegistry, deps: AdminDeps) {
  const routes = new DocumentedRouter(registry, '/api/admin', { tag: 'Admin', security: 'adminSession', errors: ['UNAUTHENTICATED'] });
  const { useCases } = deps;
  routes.router.use(requireAdminSession(useCases.adminAccounts), writesNeedAdminRole);

  adminUserRoutes(routes, useCases.users, deps.config);
  adminTenantRoutes(routes, useCases.tenants);
  adminReadOnlyRoutes(routes, useCases.records);
  adminAccountRoutes(routes, useCases.adminAccounts);
  adminApiKeyRoutes(routes, useCases.apiKeys);
  adminScimTokenRoutes(routes, useCases.scimTokens, deps.config.publicUrl);
  adminWebhookRoutes(routes, useCases.webhooks);
  adminMigrationRoutes(routes, useCases.migrations);
  adminActivationRoutes(routes, useCases);

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/dashboard',
    summary: 'Users per status, stuck activations, recent e-mails and whether a worker is running',
    query: dashboardQuerySchema,
    responses: { 200: { description: 'The dashboard', schema: dashboardView } },
    handler: async ({ query, scope }, _req, res) => {
      res.json(await useCases.dashboard.show(scope, query.stuckDays, () => checkWorker(deps.readiness)));
    },
  });

  routes.route({
    method: 'get',
    // The console's links to the Temporal UI: no tenant's records.
    scope: 'none',
    path: '/config',
    summary: 'What the admin app needs to link to the Temporal UI',
    responses: { 200: { description: 'Admin app configuration', schema: adminConfigView } },
    handler: (_input, _req, res) => {
      res.json({ temporalUiUrl: deps.config.temporalUiUrl, namespace: deps.config.TEMPORAL_NAMESPACE, taskQueue: deps.config.TEMPORAL_TASK_QUEUE });
    },
  });

  return routes;
}
