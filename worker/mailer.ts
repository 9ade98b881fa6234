import nodemailer from 'nodemailer';
import type { Config } from '../config/env.js';

/**
 * The worker's SMTP transport. A pool of a few connections (the e-mail queue is rate-limited
 * across workers anyway), timeouts below the e-mail activity's 20 s start-to-close timeout so a
 * hung server fails the attempt, which is retried; and with SMTP_REQUIRE_TLS (on in production) a
 * server that does not offer STARTTLS on smtp:// is refused rather than sent invitation links in
 * clear text. smtps:// is TLS from the first byte either way.
 */
/** SMTP connections per worker process; the e-mail worker runs as many sends at once (create-workers.ts). */
export const SMTP_CONNECTIONS = 5;

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpRequireTls'>) {
  return nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    // A connection that breaks mid-message fails the send instead of the pool quietly sending it
    // again: the server may have taken it, and only the e-mail activity (with its log) may resend.
    maxRequeues: 0,
    requireTLS: config.smtpRequireTls,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
