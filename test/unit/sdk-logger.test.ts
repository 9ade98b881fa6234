import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logRedaction } from '../../config/logger.js';
import { sdkLogger } from '../../worker/sdk-logger.js';

/** The Temporal SDK's messages through the service's pino logger, as the worker installs it. */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { lines, logger: sdkLogger(pino({ level, base: { service: 'worker' }, redact: logRedaction }, destination)) };
}

describe('sdkLogger', () => {
  it('writes JSON with the same redaction, from warn unless LOG_LEVEL asks for debug', () => {
    const { lines, logger } = capture('info');
    logger.info('Worker state changed', { state: 'RUNNING' });
    logger.warn('Activity failed', { activityType: 'sendLifecycleEmail', token: 'secret-token' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      service: 'worker',
      component: 'temporal-sdk',
      msg: 'Activity failed',
      activityType: 'sendLifecycleEmail',
      token: '[redacted]',
    });

    const debug = capture('debug');
    debug.logger.info('Worker state changed');
    expect(debug.lines).toHaveLength(1);
  });

  it('keeps the e-mail worker\'s expected "no workflows" warning out of the warnings', () => {
    const { lines, logger } = capture('info');
    logger.warn('No workflows registered, not polling for workflow tasks', { taskQueue: 'user-activation-email' });
    expect(lines).toEqual([]);
  });
});
