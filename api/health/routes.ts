import { Router } from 'express';
import { readiness, type ReadinessDeps } from './readiness.js';
import { sharedResult } from './shared-result.js';

/** A second is fresh enough for any orchestrator and caps the probes at one per second per process. */
const READINESS_TTL_MS = 1_000;

export function healthRoutes(deps: ReadinessDeps) {
  const router = Router();
  const ready = sharedResult(() => readiness(deps), READINESS_TTL_MS);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result = await ready();
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not ready', checks: result.checks });
  });
  return router;
}
