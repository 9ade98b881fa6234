import nodemailer from 'nodemailer';
import type { Config } from '../config/env.js';

/**
 * The worker's SMTP transport. A pool of a few connections (the e-mail queue is rate-limited
 * across workers anyway), timeouts below the e-mail activity's 20 s start-to-close timeout so a
 * hung server fails the attempt, which is retried; and with SMTP_REQUIRE_TLS (on in production) a
 * server that does not offer STARTTLS on smtp:// is refused rather than sent invitation links in
 * clear text. smtps:// is TLS from the first byte either way.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpRequireTls'>) {
  return nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 5,
    requireTLS: config.smtpRequireTls,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
