import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTMARK_METADATA_HEADER, providerMessageIdFrom } from '../../activities/provider-message-id.js';
import { createMailer } from '../../worker/mailer.js';

/**
 * What the worker's own transport (nodemailer, worker/mailer.ts) hands the e-mail activity after
 * a send, against an SMTP server that answers the way each provider's relay does: the id Amazon
 * SES reports its bounces by is in that answer, and is what the activity keeps.
 */
describe("the provider's id in its SMTP answer", () => {
  let answer = '';
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback(null, answer);
      });
    },
  });
  let smtpUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const send = async () => {
    const mailer = createMailer({ smtpUrl, smtpRequireTls: false });
    try {
      const messageId = '<0f3a9c@accounts.test>';
      const info = (await mailer.sendMail({
        from: 'Accounts <no-reply@accounts.test>',
        to: 'ana@example.test',
        subject: 'Convite',
        text: 'hello',
        messageId,
        headers: { [POSTMARK_METADATA_HEADER]: messageId },
      })) as { response?: string };
      return providerMessageIdFrom(info.response);
    } finally {
      mailer.close();
    }
  };

  it("keeps Amazon SES's and SendGrid's ids, and none where the answer has none", async () => {
    answer = 'Ok 0100018c5e2b7d4a-1c9e4f0b-2d7f-4b1e-9a3c-5e6f7a8b9c0d-000000';
    expect(await send()).toBe('0100018c5e2b7d4a-1c9e4f0b-2d7f-4b1e-9a3c-5e6f7a8b9c0d-000000');
    answer = 'Ok: queued as 2dJqP4kOQyGuT3uh4JUzMg';
    expect(await send()).toBe('2dJqP4kOQyGuT3uh4JUzMg');
    answer = 'Great success';
    expect(await send()).toBeNull();
    // Postmark's metadata header carries the Message-ID, which its bounce webhook sends back.
    expect(received.at(-1)).toMatch(/^X-PM-Metadata-message-id: <0f3a9c@accounts\.test>$/im);
  });
});
