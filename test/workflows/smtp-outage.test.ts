import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleClient, type LifecycleClient } from '../../temporal/lifecycle-client.js';
import { EmailLogModel, UserModel } from '../../data/models/index.js';
import { startMailbox, type Mailbox } from '../../dev-tools/mailbox.js';
import { freeLowPorts } from '../../dev-tools/production-shape/ports.js';
import { connectTestMongo, connectTestTemporal, startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser } from '../harness/fixtures.js';

/** An SMTP server of this file's own, so it can be down without disturbing the others. */
let smtpPort: number;
let webPort: number;
let mailbox: Mailbox | undefined;
let config: ReturnType<typeof testConfig>;
let lifecycle: LifecycleClient;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Below the ephemeral range: a retry's outgoing connection cannot take the port while it is down.
  [smtpPort, webPort] = await freeLowPorts(2);
  config = testConfig({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, REMINDER_SCHEDULE: 'none', INVITE_TTL: '10m' });
  const mongo = await connectTestMongo(config);
  const temporal = await connectTestTemporal(config);
  const worker = await startTestWorker(config);
  cleanups.push(worker.stop, () => temporal.connection.close(), mongo.disconnect);
  lifecycle = lifecycleClient(temporal.client, config);
});
afterAll(async () => {
  await mailbox?.close();
  for (const cleanup of cleanups) await cleanup();
});

describe('SMTP outage', () => {
  it('retries the invitation with backoff and delivers it once the server is back', async () => {
    const tenant = await createTenant();
    const { subject } = await createUser(tenant);
    await lifecycle.start(subject);

    // Nothing listens on the SMTP port: the attempt fails and is recorded, the user is not flagged.
    const failing = await eventually(async () => {
      const record = await EmailLogModel.findOne({ userId: subject.userId }).lean();
      expect(record?.error).toMatch(/ECONNREFUSED/);
      return record!;
    });
    expect(failing.status).toBe('sending');
    expect((await UserModel.findById(subject.userId).lean())?.emailFailing).toBe(false);

    mailbox = await startMailbox({ smtpPort, httpPort: webPort });
    await eventually(() => expect(mailbox!.messages.filter((message) => message.to.includes(subject.email))).toHaveLength(1), { timeoutMs: 60_000 });
    const sent = await eventually(async () => {
      const record = await EmailLogModel.findOne({ userId: subject.userId }).lean();
      expect(record?.status).toBe('sent');
      return record!;
    });
    expect(sent.attempts).toBeGreaterThan(1);
    expect(sent.error).toBeNull();
    await eventually(async () => expect((await lifecycle.state(subject.userId)).status).toBe('invited'));
  });
});
