import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createWorkers, workflowsPath, type WorkflowSource } from './create-workers.js';

const config = exitOnConfigError(loadConfig);
// The SDK's INFO is chatty (every state change, the whole webpack report): only shown when debugging.
const sdkLogLevel = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN';
Runtime.install({ logger: new DefaultLogger(sdkLogLevel) });

// Production loads the bundle built by `npm run build` (no webpack at start-up, and the exact
// code that replay tests ran against); development bundles the sources.
// Compiled, this file is dist/worker/main.js and the bundle sits beside dist/worker.
const bundlePath = [new URL('../workflow-bundle.js', import.meta.url), new URL('../dist/workflow-bundle.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((candidate) => fs.existsSync(candidate));
const workflowSource: WorkflowSource =
  config.NODE_ENV === 'production' && bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath };

await connectMongo(config.mongoUrl);
const worker = await createWorkers({ config, workflowSource });
console.log(`worker polling "${config.TEMPORAL_TASK_QUEUE}" at ${config.temporalAddress}`);
await worker.run();
await disconnectMongo();
console.log('worker stopped');
