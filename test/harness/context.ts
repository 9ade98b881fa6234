import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Logger, type NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { connectMongo, disconnectMongo } from '../../data/connect.js';
import { lifecycleClient, type LifecycleClient } from '../../temporal/lifecycle-client.js';
import { createWorkers, type WorkerSettings } from '../../worker/create-workers.js';
import { takeDatabase } from './test-databases.js';

/**
 * Per-test-file wiring on the shared real services: its own MongoDB database (emptied by the file
 * before, test/harness/test-databases.ts) and its own task queue, so files running in parallel
 * never see each other's users or steal each other's tasks.
 */
export function testConfig(overrides: Record<string, string> = {}) {
  const services = inject('services');
  const id = randomUUID().slice(0, 8);
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TEMPORAL_ADDRESS: services.temporalAddress,
    MONGO_URL: takeDatabase(services.mongoPort),
    SMTP_URL: services.smtpUrl,
    TEMPORAL_TASK_QUEUE: `test-${id}`,
    PUBLIC_URL: 'http://app.test',
    MAIL_FROM: 'Accounts <no-reply@accounts.test>',
    EMAIL_RATE_PER_SECOND: '0',
    SYNC_DELAY: '2s',
    REMINDER_SCHEDULE: '2s,4s',
    INVITE_TTL: '6s',
    REMINDER_SPREAD: '0',
    TOKEN_SECRET: 'test-secret-test-secret-test-secret-123',
    // The tests' webhook receivers listen on loopback (test/api/webhook-targets.test.ts turns this off).
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // The per-key limit of /api/v1 and SCIM would answer the contract run's and the sync walk's calls
    // with 429; test/api/rate-limits.test.ts runs an API with a low one.
    API_RATE_LIMIT: '1000000',
    ...overrides,
  });
}

export type TestConfig = ReturnType<typeof testConfig>;

export async function connectTestTemporal(config: TestConfig) {
  const connection = await Connection.connect({ address: config.temporalAddress });
  return { connection, client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) };
}

/**
 * The test file's MongoDB connection and Temporal client, with the lifecycle client over it:
 * connected before its tests, closed after them. The objects are filled in when the tests run.
 */
export function useLifecycleServices(config: TestConfig) {
  const temporal = {} as Awaited<ReturnType<typeof connectTestTemporal>>;
  const lifecycle = {} as LifecycleClient;
  let mongo: Awaited<ReturnType<typeof connectTestMongo>> | undefined;
  beforeAll(async () => {
    mongo = await connectTestMongo(config);
    Object.assign(temporal, await connectTestTemporal(config));
    Object.assign(lifecycle, lifecycleClient(temporal.client, config));
  });
  afterAll(async () => {
    await temporal.connection?.close();
    await mongo?.disconnect();
  });
  return { temporal, lifecycle };
}

let runtimeInstalled = false;

/**
 * The SDK Runtime is per process and must be installed before anything uses it (a worker, the
 * time-skipping test environment), so only the first caller of a test file chooses its logger.
 */
export function installTestRuntime(logger?: Logger) {
  if (runtimeInstalled) return;
  // Worker state changes at INFO would drown the test report.
  Runtime.install({ logger: logger ?? new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/**
 * A real worker (both task queues) running in this test process from the pre-built bundle.
 * `logger` receives the SDK's, workflows' and activities' logs (see installTestRuntime);
 * `connection` puts it on another server than the shared one (the time-skipping test server).
 */
export async function startTestWorker(
  config: TestConfig,
  options: { logger?: Logger; connection?: NativeConnection; wrapActivities?: WorkerSettings['wrapActivities'] } = {},
) {
  installTestRuntime(options.logger);
  const worker = await createWorkers({
    config,
    workflowSource: { workflowBundle: { codePath: inject('services').workflowBundlePath } },
    connection: options.connection,
    wrapActivities: options.wrapActivities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

/** The test file's worker: started before its tests (after what was registered earlier) and stopped after them. */
export function useTestWorker(config: TestConfig, options: Parameters<typeof startTestWorker>[1] = {}) {
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  beforeAll(async () => {
    worker = await startTestWorker(config, options);
  });
  afterAll(async () => {
    await worker?.stop();
  });
}

export async function connectTestMongo(config: TestConfig) {
  await connectMongo(config.mongoUrl);
  return { disconnect: disconnectMongo };
}
