import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagedChild } from '../../embedded/child-process.js';
import { inject } from 'vitest';
import type { TestConfig } from './context.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The real worker entry point as its own OS process, configured like the test file, so a test
 * can kill it for real (SIGKILL: no clean-up at all) and start another. `extraEnv` adds the
 * variables a test tunes (webhook retries, …).
 */
export function spawnWorkerProcess(config: TestConfig, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: config.temporalAddress,
    MONGO_URL: config.mongoUrl,
    SMTP_URL: config.smtpUrl,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    PUBLIC_URL: config.publicUrl,
    MAIL_FROM: config.MAIL_FROM,
    TOKEN_SECRET: config.TOKEN_SECRET,
    EMAIL_RATE_PER_SECOND: '0',
    WEBHOOK_ALLOW_PRIVATE: String(config.webhookAllowPrivate),
    // The stack's bundle (test/harness/global-setup.ts): each start would otherwise run webpack (4-5 CPU-s).
    WORKFLOW_BUNDLE: inject('services').workflowBundlePath,
    ...extraEnv,
  };
  return new ManagedChild({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', path.join(root, 'worker/main.ts')], env, output: 'quiet' });
}
