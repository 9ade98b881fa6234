import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../embedded/child-process.js';
import { startMailbox } from '../../dev-tools/mailbox.js';
import { startMongod } from '../../embedded/mongod.js';
import { startTemporalDevServer } from '../../embedded/temporal-dev-server.js';
import { workflowsPath } from '../../worker/workflows-path.js';
import { toolPaths } from './tools.js';

export interface TestServices {
  temporalAddress: string;
  /** The shared mongod's port; each test file takes a database of its own (embeddedMongoUrl). */
  mongoPort: number;
  smtpUrl: string;
  mailboxUrl: string;
  workflowBundlePath: string;
  scratchDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: TestServices;
  }
}

/**
 * The `services` and `browser` lanes (vitest.config.ts projects) both name this set-up; run
 * together (`npm test`) they share one stack: the first starts it, the last to finish stops it.
 */
const shared = globalThis as { activationTestStack?: { services: Promise<{ services: TestServices; stop: () => Promise<void> }>; users: number } };

/** One real Temporal dev server, one mongod (replica set) and one SMTP receiver for the whole test run. */
export default async function setup(project: TestProject) {
  shared.activationTestStack ??= { services: startServices(), users: 0 };
  const stack = shared.activationTestStack;
  stack.users++;
  const { services, stop } = await stack.services;
  project.provide('services', services);
  return async () => {
    if (--stack.users > 0) return;
    shared.activationTestStack = undefined;
    await stop();
  };
}

async function startServices() {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-test-'));
  const [temporalPort, mongoPort, smtpPort, mailboxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);

  const [temporal, mongod, mailbox, bundle] = await Promise.all([
    startTemporalDevServer({ cliPath: toolPaths.temporal, port: temporalPort, output: 'quiet' }),
    startMongod({ binaryPath: toolPaths.mongod, port: mongoPort, dataDir: path.join(scratchDir, 'mongodb'), output: 'quiet' }),
    startMailbox({ smtpPort, httpPort: mailboxPort }),
    // Bundled once here instead of by every test worker.
    bundleWorkflowCode({ workflowsPath, logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } }),
  ]);
  const workflowBundlePath = path.join(scratchDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);

  const services: TestServices = {
    temporalAddress: `127.0.0.1:${temporalPort}`,
    mongoPort,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    mailboxUrl: mailbox.url,
    workflowBundlePath,
    scratchDir,
  };
  const stop = async () => {
    await mailbox.close();
    await Promise.all([temporal.stop(), mongod.stop()]);
    fs.rmSync(scratchDir, { recursive: true, force: true });
  };
  return { services, stop };
}
