import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createMailer } from '../../worker/mailer.js';
import { messagesTo, waitForMessages } from '../harness/mailbox-client.js';

/** The worker's SMTP transport against the real test receiver, which offers no STARTTLS. */
describe('createMailer', () => {
  const smtpUrl = inject('services').smtpUrl;
  const send = (requireTls: boolean, to: string) => {
    const mailer = createMailer({ smtpUrl, smtpRequireTls: requireTls });
    return mailer
      .sendMail({ from: 'Accounts <no-reply@test.local>', to, subject: 'TLS check', text: 'a link that must not travel in clear text' })
      .finally(() => mailer.close());
  };

  it('with SMTP_REQUIRE_TLS refuses a server without STARTTLS and sends nothing', async () => {
    const to = `tls-${randomUUID().slice(0, 8)}@test.local`;
    await expect(send(true, to)).rejects.toThrow(/STARTTLS/);
    expect(await messagesTo(to)).toEqual([]);
  });

  it('without it delivers (the dev and test receivers)', async () => {
    const to = `plain-${randomUUID().slice(0, 8)}@test.local`;
    await send(false, to);
    expect(await waitForMessages(to, 1)).toHaveLength(1);
  });
});
