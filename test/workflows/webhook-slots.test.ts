import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import { lifecycleClient, type LifecycleClient } from '../../temporal/lifecycle-client.js';
import { publishEvent } from '../../webhooks/publish.js';
import { secretBox } from '../../webhooks/secret-box.js';
import { connectTestMongo, connectTestTemporal, startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser } from '../harness/fixtures.js';
import { waitForMessages } from '../harness/mailbox-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.js';

/**
 * A tenant whose 200 endpoints all hang (a tarpit) cannot slow another tenant's invitations:
 * webhook attempts run on their own task queue with their own slots (WEBHOOK_CONCURRENCY), so the
 * lifecycle's activities never wait behind them.
 */
const CONCURRENCY = 10;
const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h', WEBHOOK_MAX_ENDPOINTS: '200', WEBHOOK_CONCURRENCY: String(CONCURRENCY) });
let lifecycle: LifecycleClient;
let tarpit: WebhookReceiver;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
const teardown: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const mongo = await connectTestMongo(config);
  temporal = await connectTestTemporal(config);
  lifecycle = lifecycleClient(temporal.client, config);
  tarpit = await startWebhookReceiver();
  const worker = await startTestWorker(config);
  teardown.push(tarpit.close, worker.stop, () => temporal.connection.close(), mongo.disconnect);
});
afterAll(async () => {
  for (const step of teardown) await step();
});

describe('webhook deliveries', () => {
  it('200 hanging deliveries take their own slots only: another tenant is invited meanwhile', async () => {
    const noisy = await createTenant('essential', 'Escritório barulhento');
    const url = tarpit.url('/tarpit', () => ({ status: 200, delayMs: 60_000 }));
    const box = secretBox(config.TOKEN_SECRET);
    await WebhookEndpointModel.insertMany(
      Array.from({ length: 200 }, () => {
        const _id = new Types.ObjectId();
        return { _id, url, events: ['user.deleted'], tenantId: noisy._id, sealedSecret: box.seal('whsec_tarpit', String(_id)), createdBy: 'test' };
      }),
    );
    const deliveries = await publishEvent(
      { temporal: temporal.client, taskQueue: config.TEMPORAL_TASK_QUEUE },
      {
        key: `tarpit:${noisy._id}`,
        type: 'user.deleted',
        tenantId: String(noisy._id),
        data: {},
      },
    );
    expect(deliveries).toHaveLength(200);
    await eventually(() => expect(tarpit.started('/tarpit')).toBe(CONCURRENCY));

    const other = await createTenant('essential');
    const { subject } = await createUser(other);
    await lifecycle.start(subject);
    await waitForMessages(subject.email, 1);
    // The invitation went out while every webhook slot hung on the tarpit, and no more attempts than the slots were made.
    expect(tarpit.started('/tarpit')).toBe(CONCURRENCY);
    expect(tarpit.at('/tarpit')).toHaveLength(0);
    expect(await WebhookDeliveryModel.countDocuments({ _id: { $in: deliveries }, attempts: { $gt: 0 } })).toBe(0);
  });
});
