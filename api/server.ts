import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { refreshStaleSearchKeys } from '../data/models/user-search-refresh.js';
import { ensureBootstrapAdmin } from './admin/accounts.js';
import { createApp } from './app.js';

/**
 * Starts the API; port 0 picks a free port (tests). stop() closes connections in order.
 * `logDestination` (tests) receives the JSON log lines instead of stdout.
 */
export async function startApi(config: Config, options: { port?: number; adminDir?: string; logDestination?: DestinationStream } = {}) {
  const logger = await createLogger(config, 'api', options.logDestination);
  await connectMongo(config.mongoUrl);
  const refreshed = await refreshStaleSearchKeys();
  if (refreshed > 0) logger.info({ users: refreshed }, 'search keys re-derived for users stored under an earlier scheme');
  await ensureBootstrapAdmin(config, logger);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({ config, temporal, logger, adminDir: options.adminDir });
  const server = app.listen(options.port ?? config.PORT);
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
