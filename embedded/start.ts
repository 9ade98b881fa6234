import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { logFormat } from '../config/logger.js';
import { ManagedChild } from './child-process.js';
import { startMailDev } from './maildev.js';
import { startMongod } from './mongod.js';
import { startTemporalDevServer } from './temporal-dev-server.js';

/**
 * `npm start`: the whole system in one terminal. Whatever infrastructure is not configured
 * (TEMPORAL_ADDRESS, MONGO_URL, SMTP_URL) runs embedded: the Temporal dev server on SQLite,
 * MongoDB (mongod, a one-node replica set) and a dev mailbox (MailDev). Then the worker and the API, each its own process.
 *   --api-only / --worker-only   one role, against configured or already running services
 *   --no-worker                  everything but the worker (to see what happens without it)
 */
const flags = new Set(process.argv.slice(2));
const role = flags.has('--api-only') ? 'api' : flags.has('--worker-only') ? 'worker' : 'all';
const config = exitOnConfigError(loadConfig);
const root = fileURLToPath(new URL('..', import.meta.url));

const infrastructure: ManagedChild[] = [];
const roles: ManagedChild[] = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  // Worker and API first (they drain work and close connections), then what they depend on.
  await Promise.all(roles.map((child) => child.stop(15_000)));
  await Promise.all(infrastructure.map((child) => child.stop(10_000)));
  process.exit(code);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

function startRole(name: 'worker' | 'api', entry: string) {
  // The roles' output is piped through this process: on a terminal they log readable lines too.
  const env = config.LOG_FORMAT === undefined && logFormat(config) === 'pretty' ? { LOG_FORMAT: 'pretty' } : {};
  const child = new ManagedChild({ name, command: process.execPath, args: ['--import', 'tsx', path.join(root, entry)], env });
  roles.push(child);
  void child.exited.then((code) => {
    if (stopping || child.isStopping) return;
    if (name === 'worker') {
      // Like the office's communication agent: without it nothing is sent, but nothing is lost either.
      console.log(`[worker] exited (code ${code}). E-mails wait until a worker runs again: npm run start:worker`);
      return;
    }
    console.log(`[${name}] exited unexpectedly (code ${code}); stopping everything`);
    void shutdown(1);
  });
  return child;
}

try {
  const embedded = role === 'all';
  const urls: string[] = [];
  if (embedded && config.embedded.temporal) {
    infrastructure.push(
      await startTemporalDevServer({
        cliPath: config.TEMPORAL_CLI_PATH,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
      }),
    );
    urls.push(`Temporal UI         ${config.temporalUiUrl}`, `Temporal gRPC       ${config.temporalAddress}`);
  }
  if (embedded && config.embedded.mongo) {
    infrastructure.push(
      await startMongod({ binaryPath: path.resolve(config.MONGOD_PATH), port: config.MONGO_PORT, dataDir: path.join(config.dataDir, 'mongodb') }),
    );
    urls.push(`MongoDB             ${config.mongoUrl}`);
  }
  if (embedded && config.embedded.smtp) {
    const mailbox = await startMailDev({ smtpPort: config.SMTP_PORT, webPort: config.MAILBOX_PORT });
    infrastructure.push(mailbox.child);
    urls.push(`Dev mailbox         ${mailbox.url}   (MailDev: every e-mail sent; SMTP on ${config.smtpUrl})`);
  }
  if (role !== 'api' && !flags.has('--no-worker')) startRole('worker', 'worker/main.ts');
  if (role !== 'worker') {
    startRole('api', 'api/main.ts');
    const signIn = config.adminBootstrap?.devDefaults ? `   (dev sign-in: ${config.adminBootstrap.email} / ${config.adminBootstrap.password})` : '';
    urls.unshift(
      `Admin console       ${config.publicUrl}/${signIn}`,
      `API                 ${config.publicUrl}/api   (docs: ${config.publicUrl}/api/docs)`,
      `Readiness           ${config.publicUrl}/readyz`,
      `Metrics             ${config.publicUrl}/metrics${config.metrics.workerAddress ? `   (worker: http://${config.metrics.workerAddress}/metrics)` : ''}`,
    );
  }
  console.log(`\n${urls.map((line) => `  ${line}`).join('\n')}\n\nCtrl-C stops everything.\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
