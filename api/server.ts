import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import type { Tracing } from '../telemetry/tracing.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { markUnlistedUsers, markUnmarkedReviewUsers } from '../data/migration-review.js';
import { refreshStaleSearchKeys } from '../data/user-search-refresh.js';
import { createUseCases } from '../use-cases/index.js';
import { createApp } from './app.js';
import { answerClientError, MAX_REQUEST_HEAD_BYTES } from './http/request-head.js';

/**
 * Starts the API; port 0 picks a free port (tests). stop() closes connections in order.
 * `logDestination` (tests) receives the JSON log lines instead of stdout. With `tracing`
 * (telemetry/tracing.ts), the Temporal client carries each request's trace into its workflows.
 */
export async function startApi(config: Config, options: { port?: number; adminDir?: string; logDestination?: DestinationStream; tracing?: Tracing } = {}) {
  const logger = await createLogger(config, 'api', options.logDestination);
  await connectMongo(config.mongoUrl);
  const refreshed = await refreshStaleSearchKeys();
  if (refreshed > 0) logger.info({ users: refreshed }, 'search keys re-derived for users stored under an earlier scheme');
  const marked = await markUnmarkedReviewUsers();
  if (marked > 0) logger.info({ users: marked }, 'users waiting in the migration review marked (stored before the mark existed)');
  const listed = await markUnlistedUsers();
  if (listed > 0) logger.info({ users: listed }, 'users marked as listed (stored before the mark existed)');
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, plugins: options.tracing ? [options.tracing.plugin] : [] });
  const useCases = createUseCases({ config, temporal });
  await useCases.adminAccounts.ensureBootstrapAdmin(logger);
  const app = createApp({ config, temporal, logger, adminDir: options.adminDir, useCases });
  const server = http
    .createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, app)
    .on('clientError', answerClientError)
    .listen(options.port ?? config.PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    temporal,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await disconnectMongo();
    },
  };
}
