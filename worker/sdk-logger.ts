import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Warnings that describe this service's normal set-up: the e-mail worker runs activities only. */
const expected = new Set(['No workflows registered, not polling for workflow tasks']);

/**
 * The Temporal SDK's logger (its own messages, and what workflows and activities log) writing
 * through the service's pino logger: the same format as the rest (JSON in production, readable
 * on a terminal) and the same redaction. The SDK's INFO is chatty (every state change, the whole
 * webpack report), so its messages are shown from WARN unless LOG_LEVEL asks for debug.
 */
export function sdkLogger(logger: Logger): SdkLogger {
  const sdk = logger.child({ component: 'temporal-sdk' }, { level: logger.isLevelEnabled('debug') ? logger.level : 'warn' });
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => sdk[PINO_LEVEL[expected.has(message) ? 'DEBUG' : level]]({ ...meta }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
