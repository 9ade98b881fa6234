import type { Transporter } from 'nodemailer';

/** What activities need from the outside world, injected so tests and the worker wire real ones. */
export interface ActivityDeps {
  mailer: Transporter;
  mailFrom: string;
  publicUrl: string;
  tokenSecret: string;
  now: () => Date;
}
