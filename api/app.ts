import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config/env.js';
import { ApiError, errorMiddleware } from './errors.js';
import { healthRoutes } from './health/routes.js';

export interface AppDeps {
  config: Config;
  temporal: Client;
  logger: Logger;
  /** Built admin app (vite build output); served at / when present. */
  adminDir?: string;
}

export function createApp({ config, temporal, logger, adminDir }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(helmet({ contentSecurityPolicy: false }));

  app.use(
    healthRoutes({
      temporal,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workerFreshMs: config.WORKER_HEARTBEAT_TIMEOUT,
    }),
  );

  app.use('/api', (_req, _res, next) => next(new ApiError(404, 'NOT_FOUND', 'no such API route')));

  if (adminDir && fs.existsSync(path.join(adminDir, 'index.html'))) {
    app.use(express.static(adminDir, { index: false, maxAge: '1h' }));
    // Client-side routes (the admin and the public registration page) all load the SPA.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(adminDir, 'index.html')));
  }

  app.use(errorMiddleware);
  return app;
}
