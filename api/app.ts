import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config/env.js';
import { createUseCases, type UseCases } from '../use-cases/index.js';
import { adminAuthRoutes } from './admin/auth-routes.js';
import { adminRoutes } from './admin/routes.js';
import { requireAdminSession } from './admin/session.js';
import { errorMiddleware } from './errors.js';
import { healthRoutes } from './health/routes.js';
import { allowedMethods } from './http/allowed-methods.js';
import { cors } from './http/cors.js';
import { fail } from './http/error-messages.js';
import { noStore } from './http/no-store.js';
import { requestSerializer, responseSerializer } from './http/log-redaction.js';
import { loginThrottle, signInLimiter } from './http/login-throttle.js';
import { sameOriginWrites } from './http/same-origin.js';
import { staticAssets } from './http/static-assets.js';
import { requireApiKey } from './integration/auth.js';
import { EMAIL_EVENTS_PREFIX, emailEventRoutes, emailEventsBody } from './email-events/routes.js';
import { integrationRoutes } from './integration/routes.js';
import { apiMetrics } from './metrics/routes.js';
import { openApiDocument } from './openapi/document.js';
import { createOpenApiRegistry } from './openapi/registry.js';
import { openApiRoutes } from './openapi/routes.js';
import { publicRoutes } from './public/routes.js';
import { documentScim } from './scim/openapi.js';
import { scimErrorMiddleware } from './scim/errors.js';
import { SCIM_PREFIX, scimRoutes } from './scim/routes.js';
import { documentWebhookEvents } from './webhooks/openapi.js';

export interface AppDeps {
  config: Config;
  temporal: Client;
  logger: Logger;
  /** Built admin app (vite build output); served at / when present. */
  adminDir?: string;
  /** The process's use-cases (api/server.ts builds them once); built here from `config` and `temporal` when not given. */
  useCases?: UseCases;
}

export function createApp({ config, temporal, logger, adminDir, ...deps }: AppDeps) {
  const useCases = deps.useCases ?? createUseCases({ config, temporal });
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For to believe for req.ip (TRUST_PROXY): every per-client limit keys on it.
  app.set('trust proxy', config.TRUST_PROXY);
  // First, so it times every request (GET /metrics: api/metrics).
  const metrics = apiMetrics(config);
  app.use(metrics.requestDuration);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
      // No credentials header, no session cookie, no registration token in the log (log-redaction.ts).
      serializers: { req: requestSerializer, res: responseSerializer },
    }),
  );
  app.use(
    helmet({
      // helmet's policy (scripts, fonts, images, connections from this origin only; MUI's emotion
      // needs inline styles, which it allows), framed by nobody, and https upgrades only where
      // the service is served over https (on http://localhost they would break every script).
      // Images also from any https origin: an office's logo on the registration page is its own
      // https URL (domain/branding.ts); scripts stay this origin's only.
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
    }),
  );
  app.use(cors(config.corsOrigins));
  app.use(['/api', SCIM_PREFIX], noStore);

  const readinessDeps = {
    temporal,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workerFreshMs: config.WORKER_HEARTBEAT_TIMEOUT,
    logger,
  };
  app.use(healthRoutes(readinessDeps));

  // The console's session cookie only changes things from the console's own pages (CSRF).
  app.use('/api/admin', sameOriginWrites({ publicUrl: config.publicUrl, allowedOrigins: config.corsOrigins }));

  const adminSession = requireAdminSession(useCases.adminAccounts);
  const apiKey = requireApiKey(useCases.apiKeys, { windowMs: config.RATE_LIMIT_WINDOW, limit: config.API_RATE_LIMIT });
  // Bodies are small everywhere but in batches of up to 1,000 onboardings and in imports. Those
  // routes authenticate before their large parser, so a stranger's megabytes are refused unread
  // (the routers' own check then finds the caller already known). The first parser to run wins;
  // the general one skips a body already parsed.
  app.use('/api/v1/onboardings/batch', apiKey, express.json({ limit: '1mb' }));
  // Migration imports: up to 50,000 rows as JSON or CSV (MAX_IMPORT_ROWS; about 10 MB as JSON, 5 as
  // CSV, 32 MB with every cell at its longest). A CSV stays bytes: its encoding is detected from
  // them (Excel saves Windows-1252 or UTF-8), not taken from a charset header.
  const importBody = [express.json({ limit: '32mb' }), express.raw({ type: 'text/csv', limit: '32mb' })];
  app.use('/api/admin/tenants/:tenantId/users/import', adminSession, ...importBody);
  app.use('/api/v1/tenants/:tenantId/users/import', apiKey, ...importBody);
  // The e-mail providers' reports: JSON whatever the Content-Type, with the bytes their signatures cover.
  app.use(EMAIL_EVENTS_PREFIX, emailEventsBody);
  app.use('/api', express.json({ limit: '100kb' }));

  const registry = createOpenApiRegistry();
  const throttle = loginThrottle({
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMs: config.LOGIN_LOCKOUT,
    accountMaxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
  });
  // Public sign-in: attempts per client IP (the admin route has its own).
  app.post('/api/public/login', signInLimiter('user', { windowMs: config.RATE_LIMIT_WINDOW, limit: config.LOGIN_RATE_LIMIT }));
  const routers = [
    adminAuthRoutes(registry, { config, useCases, throttle }),
    adminRoutes(registry, { config, useCases, readiness: readinessDeps }),
    // Before /api/v1's API-key check: providers sign their reports instead.
    emailEventRoutes(registry, { config, useCases }),
    integrationRoutes(registry, { config, useCases }),
    publicRoutes(registry, { config, useCases, throttle }),
  ];
  documentScim(registry);
  documentWebhookEvents(registry);
  app.use(metrics.routes(registry, readinessDeps, useCases.dashboard));
  const document = openApiDocument(registry, config.publicUrl);
  // Before the routers: an undeclared method on a documented path is 405 with Allow, not a 404 or a neighbouring route.
  const underScim = (path: string) => path.startsWith(`${SCIM_PREFIX}/`);
  app.use(allowedMethods(document, (path) => !underScim(path)));
  app.use(openApiRoutes(document));
  for (const routes of routers) app.use(routes.prefix, routes.router);
  // SCIM 2.0 for identity providers: its own token auth, body parser and error shape (api/scim).
  // Its 405s too, as SCIM errors: the guard's refusal goes to the SCIM error handler behind the router.
  app.use(SCIM_PREFIX, allowedMethods(document, underScim), scimRoutes({ config, useCases }), scimErrorMiddleware);

  app.use('/api', (_req, _res, next) => next(fail('NOT_FOUND', { detail: 'no such API route' })));

  if (adminDir && fs.existsSync(path.join(adminDir, 'index.html'))) app.use(staticAssets(path.resolve(adminDir)));

  app.use(errorMiddleware);
  return app;
}
