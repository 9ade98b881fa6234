import type { Transporter } from 'nodemailer';
import type { LifecycleClient } from '../domain/lifecycle-client.js';

/** What activities need from the outside world, injected so tests and the worker wire real ones. */
export interface ActivityDeps {
  mailer: Transporter;
  mailFrom: string;
  publicUrl: string;
  tokenSecret: string;
  now: () => Date;
  /** Starts lifecycles (the migration's pages). */
  lifecycle: LifecycleClient;
}
