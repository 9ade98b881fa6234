import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { embeddedMongoUrl, envSchema } from '../../config/env.js';
import { killWithThisProcess, type ManagedChild } from '../../embedded/child-process.js';
import { startMailbox } from '../mailbox.js';
import { startMongod } from '../../embedded/mongod.js';
import { AppProcess } from './app-process.js';
import { assertProductionTools, productionPaths } from './paths.js';
import { freeLowPorts } from './ports.js';
import { startPostgres } from './postgres.js';
import { PROXY_SOURCE_ADDRESS, startProxy } from './proxy.js';
import { setupTemporalSchema } from './temporal-schema.js';
import { startTemporalPostgresServer } from './temporal-postgres-server.js';

const run = promisify(execFile);

export interface ProductionShapeOptions {
  apis?: number;
  workers?: number;
  /** Settings for every API and worker (SYNC_DELAY, EMAIL_RATE_PER_SECOND, LOG_LEVEL, …). */
  env?: Record<string, string>;
  /** Keep the scratch folder (databases and logs) after stop(); also PRODUCTION_KEEP_SCRATCH=1. */
  keepScratch?: boolean;
}

/** Every variable the service reads (config/env.ts): the ones we do not set are blanked, so no stray value of ours leaks in. */
const serviceVariables = Object.keys(envSchema.shape);

/**
 * The production shape of docker-compose.yml, on this machine without Docker: PostgreSQL 15 with
 * Temporal's schema set up by the schema tool, Temporal server 1.29.1 configured from its image's
 * template, the namespace and search attributes registered, MongoDB as a replica set, an SMTP
 * receiver, then `apis` API and `workers` worker processes from dist/ with NODE_ENV=production,
 * and Caddy in front of the APIs (the public URL), which trust only its X-Forwarded-For.
 * Each on free ports in a scratch folder; stop() ends every process it started.
 */
export async function startProductionShape(options: ProductionShapeOptions = {}) {
  assertProductionTools();
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-production-'));
  // PostgreSQL runs as its own account when we are root: it must be able to reach its folder.
  fs.chmodSync(scratchDir, 0o711);
  const logDir = path.join(scratchDir, 'logs');
  fs.mkdirSync(logDir);
  const keepScratch = options.keepScratch ?? process.env.PRODUCTION_KEEP_SCRATCH === '1';

  // Stopped in reverse order of start, on stop() and when start-up fails half-way.
  const stoppers: Array<() => Promise<void>> = [];
  // And if the test process exits without stop() (a crash, a runner killing its worker), every
  // child still running is SIGKILLed on the way out: nothing is left behind on a shared machine.
  const children: Array<{ killNow(): void }> = [];
  const killAllNow = () => {
    for (const child of children) child.killNow();
  };
  const untie = killWithThisProcess(killAllNow);
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
    untie();
  };
  // A getter, for the stores a test restarts (a new process each time).
  const own = (current: () => ManagedChild) => children.push({ killNow: () => current().killNow() });

  try {
    const secrets = {
      postgresPassword: randomBytes(18).toString('base64url'),
      tokenSecret: randomBytes(36).toString('base64url'),
      // The password rule wants letters and digits, which random base64 alone may lack.
      adminPassword: `${randomBytes(18).toString('base64url')}a0`,
    };
    // Low ports (dev-tools/production-shape/ports.ts): the suites restart the receiver, mongod and the APIs on theirs.
    const [postgresPort, mongoPort, smtpPort, mailboxPort] = await freeLowPorts(4);
    const postgresUser = 'temporal';
    const mongodOptions = { binaryPath: productionPaths.mongod, port: mongoPort, dataDir: path.join(scratchDir, 'mongodb'), output: 'quiet' } as const;

    // The three stores start side by side; whichever started is stopped if another fails.
    const started = await Promise.allSettled([
      startPostgres({
        binDir: productionPaths.postgresBin,
        dir: path.join(scratchDir, 'postgres'),
        port: postgresPort,
        user: postgresUser,
        password: secrets.postgresPassword,
      }),
      startMongod(mongodOptions),
      startMailbox({ smtpPort, httpPort: mailboxPort, capacity: 50_000 }),
    ]);
    const [postgresResult, mongodResult, mailboxResult] = started;
    if (mailboxResult.status === 'fulfilled') stoppers.push(() => mailboxResult.value.close());
    let mongod = mongodResult.status === 'fulfilled' ? mongodResult.value : undefined;
    if (mongod) {
      stoppers.push(() => mongod!.stop());
      own(() => mongod!);
    }
    if (postgresResult.status === 'fulfilled') {
      stoppers.push(() => postgresResult.value.stop());
      own(() => postgresResult.value.child);
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const postgres = (postgresResult as PromiseFulfilledResult<Awaited<ReturnType<typeof startPostgres>>>).value;
    const mailbox = (mailboxResult as PromiseFulfilledResult<Awaited<ReturnType<typeof startMailbox>>>).value;

    const database = { host: '127.0.0.1', port: postgres.port, user: postgresUser, password: secrets.postgresPassword };
    await setupTemporalSchema(database, path.join(logDir, 'temporal-schema.log'));
    const temporal = await startTemporalPostgresServer({ dir: path.join(scratchDir, 'temporal'), postgres: database });
    stoppers.push(() => temporal.child.stop(15_000));
    own(() => temporal.child);

    // Chosen once Temporal holds its own low ports.
    const [proxyPort, ...apiPorts] = (await freeLowPorts((options.apis ?? 2) + 1)) as [number, ...number[]];
    const adminEmail = 'ops@production-shape.test';
    // What compose's x-app block gives both roles; the public URL is the proxy's.
    const shared: Record<string, string> = {
      ...Object.fromEntries(serviceVariables.map((name) => [name, ''])),
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      MONGO_URL: embeddedMongoUrl(mongoPort, 'activation'),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // The local receiver offers no STARTTLS; production's default would refuse it (a real relay has TLS).
      SMTP_REQUIRE_TLS: 'false',
      MAIL_FROM: 'Accounts <no-reply@production-shape.test>',
      PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
      TOKEN_SECRET: secrets.tokenSecret,
      ...options.env,
    };
    // What compose's x-api block adds: the first admin account, and the one proxy to believe.
    const apiEnv = { ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: secrets.adminPassword, TRUST_PROXY: PROXY_SOURCE_ADDRESS };
    const apis = apiPorts.map((port, index) => new AppProcess(`api-${index + 1}`, 'api', { ...shared, ...apiEnv, PORT: String(port) }, logDir));
    // Workers at info: their start-up line ("worker polling …") is how the shape knows they run.
    const workers = Array.from(
      { length: options.workers ?? 2 },
      (_, index) => new AppProcess(`worker-${index + 1}`, 'worker', { ...shared, LOG_LEVEL: 'info' }, logDir),
    );
    for (const app of [...apis, ...workers]) {
      stoppers.push(() => app.stop());
      children.push(app);
    }
    await Promise.all([...apis, ...workers].map((app) => app.start()));

    // Started last, as compose starts it once the APIs run: its first health checks pass.
    const proxy = await startProxy({
      dir: path.join(scratchDir, 'caddy'),
      logFile: path.join(logDir, 'caddy.log'),
      port: proxyPort,
      upstreams: apiPorts.map((port) => `127.0.0.1:${port}`),
    });
    stoppers.push(() => proxy.child.stop(5_000));
    own(() => proxy.child);

    const shape = {
      scratchDir,
      logDir,
      temporal: { address: temporal.address, namespace: temporal.namespace, ports: temporal.ports, logFile: temporal.logFile, restart: temporal.restart },
      postgres: { port: postgres.port, logFile: postgres.logFile },
      mongoUrl: shared.MONGO_URL!,
      mongod: {
        /** A restart (SIGTERM, then started again on its data folder): the replica set comes back with its primary. */
        async restart() {
          await mongod!.stop();
          mongod = await startMongod(mongodOptions);
        },
      },
      mailbox,
      mailboxUrl: mailbox.url,
      apis,
      workers,
      /** Caddy in front of the APIs: the public URL, and the address the APIs believe X-Forwarded-For from. */
      proxy: { url: proxy.url, sourceAddress: proxy.sourceAddress, logFile: proxy.logFile },
      publicUrl: shared.PUBLIC_URL!,
      /** The first admin account (ADMIN_EMAIL/ADMIN_PASSWORD of the API processes). */
      admin: { email: adminEmail, password: secrets.adminPassword },
      /** Every secret this run made: nothing written by any process may contain one. */
      secrets: Object.values(secrets),

      /** An integration API key, made as an operator would: the CLI from dist/ in production mode. */
      async createApiKey(name: string) {
        const { stdout } = await run(process.execPath, [path.join(productionPaths.dist, 'cli/index.js'), 'api-keys', 'create', '--name', name], {
          env: { ...process.env, ...shared, NODE_ENV: 'production' },
        });
        const key = /Authorization: Bearer (\S+)/.exec(stdout)?.[1];
        if (!key) throw new Error('the CLI printed no API key');
        shape.secrets.push(key);
        return key;
      },

      /** Stops every process (apps first, stores last); the scratch folder goes unless kept. */
      async stop() {
        await stopAll();
        if (!keepScratch) fs.rmSync(scratchDir, { recursive: true, force: true });
      },
    };
    return shape;
  } catch (error) {
    await stopAll();
    if (!keepScratch) fs.rmSync(scratchDir, { recursive: true, force: true });
    else process.stderr.write(`production shape: scratch folder kept at ${scratchDir}\n`);
    throw error;
  }
}

export type ProductionShape = Awaited<ReturnType<typeof startProductionShape>>;
