import { Router } from 'express';
import { readiness, type ReadinessDeps } from './readiness.js';

export function healthRoutes(deps: ReadinessDeps) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result = await readiness(deps);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not ready', checks: result.checks });
  });
  return router;
}
