import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { Runtime } from '@temporalio/worker';
import { createLogger } from '../config/logger.js';
import { createWorkers, workflowsPath, type WorkflowSource } from './create-workers.js';
import { sdkLogger } from './sdk-logger.js';

const config = exitOnConfigError(loadConfig);
const logger = await createLogger(config, 'worker');
Runtime.install({ logger: sdkLogger(logger) });

// Production loads the bundle built by `npm run build` (no webpack at start-up, and the exact
// code that replay tests ran against); development bundles the sources.
// Compiled, this file is dist/worker/main.js and the bundle sits beside dist/worker.
const bundlePath = [new URL('../workflow-bundle.js', import.meta.url), new URL('../dist/workflow-bundle.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((candidate) => fs.existsSync(candidate));
const workflowSource: WorkflowSource = config.NODE_ENV === 'production' && bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath };

await connectMongo(config.mongoUrl);
const worker = await createWorkers({ config, workflowSource });
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.temporalAddress }, `worker polling "${config.TEMPORAL_TASK_QUEUE}"`);
await worker.run();
await disconnectMongo();
logger.info('worker stopped');
