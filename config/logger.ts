import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './env.js';

type LogConfig = Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>;

/**
 * The base logger's `redact`: whatever gets logged, these keys never show their values. The HTTP
 * request log has its own serializers on top (api/http/log-redaction.ts).
 */
export const logRedaction: LoggerOptions['redact'] = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    'password',
    'passwordConfirmation',
    'token',
    'apiKey',
    'sessionId',
    'TOKEN_SECRET',
    'ADMIN_PASSWORD',
    '*.password',
    '*.passwordConfirmation',
    '*.passwordHash',
    '*.token',
    '*.apiKey',
    '*.sessionId',
    '*.TOKEN_SECRET',
    '*.ADMIN_PASSWORD',
  ],
  censor: '[redacted]',
};

/** Readable lines on a developer's terminal, JSON for machines (production always, pipes and files). */
export function logFormat(config: LogConfig, stdoutIsTty = Boolean(process.stdout.isTTY)): 'json' | 'pretty' {
  if (config.NODE_ENV === 'production') return 'json';
  return config.LOG_FORMAT ?? (stdoutIsTty ? 'pretty' : 'json');
}

/**
 * The service's pino logger, with the secret-bearing keys redacted.
 * `destination` (tests) receives the JSON lines instead of stdout.
 */
export async function createLogger(config: LogConfig, service: string, destination?: DestinationStream): Promise<Logger> {
  const options = { level: config.LOG_LEVEL, base: { service }, redact: logRedaction };
  if (destination) return pino(options, destination);
  if (logFormat(config) === 'pretty') {
    // Loaded only when used; pretty-printing runs in this process (no transport thread). Headers
    // are left out to keep a request to a few lines (LOG_FORMAT=json shows them).
    const { default: pretty } = await import('pino-pretty');
    const ignore = 'pid,hostname,service,req.headers,req.remoteAddress,req.remotePort,res.headers';
    return pino(options, pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore, sync: true }));
  }
  return pino(options);
}
