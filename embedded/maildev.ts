import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManagedChild, waitForPort } from './child-process.js';

export interface MailDevOptions {
  smtpPort: number;
  webPort: number;
  /** Oldest e-mails are dropped past this many, so a long demo keeps memory bounded. */
  maxEmails?: number;
}

/**
 * `npm start`'s dev mailbox: MailDev (npm `maildev`, a maintained mail catcher), catching every
 * e-mail the worker sends over real SMTP and showing it as the user sees it — HTML, text, headers,
 * attachments, search — at http://localhost:MAILBOX_PORT, with a REST API at /api/email. Both ports
 * bind the loopback only: the mailbox holds live registration links.
 *
 * Tests, benchmarks and the production shape keep the small receiver in mailbox.ts, which answers
 * their questions ("what did this address get?") in one call and can refuse a recipient.
 */
export async function startMailDev(options: MailDevOptions) {
  // The package exports only its library entry (dist/index.js); its command sits beside it.
  const bin = path.join(path.dirname(fileURLToPath(import.meta.resolve('maildev'))), 'bin', 'maildev.js');
  const args = [bin, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--smtp', String(options.smtpPort), '--web', String(options.webPort)];
  args.push('--max-emails', String(options.maxEmails ?? 5_000), '--silent');
  const child = new ManagedChild({ name: 'mailbox', command: process.execPath, args });
  try {
    await Promise.all([options.smtpPort, options.webPort].map((port) => waitForPort(port, '127.0.0.1', 30_000, () => child.running)));
  } catch (error) {
    await child.stop(5_000);
    throw new Error(`the dev mailbox (MailDev) did not start: ${(error as Error).message}\n${child.recentOutput.join('\n')}`, { cause: error });
  }
  return { child, url: `http://localhost:${options.webPort}` };
}
