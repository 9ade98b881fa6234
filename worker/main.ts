import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { Runtime } from '@temporalio/worker';
import { createLogger } from '../config/logger.js';
import { startTracing } from '../telemetry/tracing.js';
import { createWorkers, workflowsPath, type WorkflowSource } from './create-workers.js';
import { workerTelemetry } from './metrics.js';
import { sdkLogger } from './sdk-logger.js';

const config = exitOnConfigError(loadConfig);
const logger = await createLogger(config, 'worker');
const tracing = await startTracing(config, { role: 'worker' });
try {
  Runtime.install({ logger: sdkLogger(logger), telemetryOptions: workerTelemetry(config) });
} catch (error) {
  // Most likely the metrics port is taken: another worker on this host needs its own WORKER_METRICS_PORT.
  logger.fatal({ err: error, address: config.metrics.workerAddress }, 'the Temporal runtime could not start (WORKER_METRICS_HOST/WORKER_METRICS_PORT?)');
  process.exit(1);
}
if (config.metrics.workerAddress) logger.info(`worker metrics at http://${config.metrics.workerAddress}/metrics`);

// Production loads the bundle built by `npm run build` (no webpack at start-up, and the exact
// code that replay tests ran against); development bundles the sources.
// Compiled, this file is dist/worker/main.js and the bundle sits beside dist/worker. A traced
// worker loads the bundle built with the tracing interceptors (scripts/build-workflow-bundle.ts).
const bundleName = tracing ? 'workflow-bundle-traced.js' : 'workflow-bundle.js';
const bundlePath = [new URL(`../${bundleName}`, import.meta.url), new URL(`../dist/${bundleName}`, import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((candidate) => fs.existsSync(candidate));
// Elsewhere a bundle given in WORKFLOW_BUNDLE (untraced) saves the bundling.
const givenBundle = config.NODE_ENV === 'production' ? bundlePath : tracing ? undefined : config.WORKFLOW_BUNDLE;
const workflowSource: WorkflowSource = givenBundle ? { workflowBundle: { codePath: givenBundle } } : { workflowsPath };

await connectMongo(config.mongoUrl);
const worker = await createWorkers({ config, workflowSource, tracing });
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.temporalAddress }, `worker polling "${config.TEMPORAL_TASK_QUEUE}"`);
await worker.run();
await disconnectMongo();
await tracing?.shutdown();
logger.info('worker stopped');
