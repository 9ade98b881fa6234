import { createHash, timingSafeEqual } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { UseCases } from '../../use-cases/index.js';
import type { ReadinessDeps } from '../health/readiness.js';
import { fail } from '../http/error-messages.js';
import { TENANT_SCOPE_EXTENSION } from '../http/documented-router.js';
import { errorBodySchema } from '../openapi/registry.js';
import { dashboardGauges } from './dashboard-gauges.js';
import { requestDuration } from './request-duration.js';

let processRegistry: Registry | undefined;
/** Node's process metrics (CPU, memory, event loop lag, GC, handles): one collector per process, however many apps it builds. */
const processMetrics = () => {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may scrape: with METRICS_TOKEN, whoever sends it as a bearer token (Prometheus's
 * `authorization` setting); without it, anyone where the dev defaults apply, and nobody
 * elsewhere (the counts say how many users an office has and how its migration goes).
 */
function scrapeAccess(token: string | null | undefined): RequestHandler {
  if (token === undefined) return (_req, _res, next) => next();
  if (token === null) return (_req, _res, next) => next(fail('NOT_FOUND', { detail: 'set METRICS_TOKEN to enable /metrics' }));
  const expected = digest(token);
  return (req, _res, next) => {
    const [scheme, sent] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && sent && timingSafeEqual(digest(sent), expected)) return next();
    next(fail('UNAUTHENTICATED', { headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } }));
  };
}

function documentMetrics(registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, sent by Prometheus as `Authorization: Bearer <token>`; not needed where METRICS_TOKEN is unset in development.',
  });
  const error = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics: request durations by route and status, the dashboard counts, Node process metrics',
    tags: ['Operations'],
    security: [{ metricsToken: [] }, {}],
    // Counts across every office: the platform's operators only, through their own token (no console session or API key reads it).
    [TENANT_SCOPE_EXTENSION]: 'platform',
    responses: {
      200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
      401: error('METRICS_TOKEN is set and the request does not carry it'),
      404: error('Metrics are off: METRICS_TOKEN is unset outside development'),
    },
  });
}

/**
 * The API's Prometheus endpoint. `requestDuration` goes first in the app so it times every
 * request; `routes` mounts GET /metrics (outside every rate limit, like the health probes) and
 * documents it in the OpenAPI document.
 */
export function apiMetrics(config: Pick<Config, 'metrics'>) {
  const registry = new Registry();
  // Started with the app, so the process counters (CPU seconds, GC) count from the start.
  if (config.metrics.token !== null) processMetrics();
  return {
    requestDuration: requestDuration(registry),
    routes(openApi: OpenAPIRegistry, readiness: ReadinessDeps, counts: UseCases['dashboard']) {
      documentMetrics(openApi);
      const dashboard = dashboardGauges(registry, readiness, counts);
      const router = Router();
      router.get('/metrics', scrapeAccess(config.metrics.token), async (_req, res) => {
        await dashboard.refresh();
        const scrape = Registry.merge([processMetrics(), registry]);
        res
          .set('content-type', scrape.contentType)
          .set('cache-control', 'no-store')
          .send(await scrape.metrics());
      });
      return router;
    },
  };
}
