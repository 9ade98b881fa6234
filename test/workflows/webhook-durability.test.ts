import { Webhook } from 'standardwebhooks';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEndpoint } from '../../use-cases/webhooks/create-endpoint.js';
import { WebhookDeliveryModel } from '../../data/models/index.js';
import { testConfig, useLifecycleServices } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.js';
import { spawnWorkerProcess } from '../harness/worker-process.js';
import { explainedWait, stuckReport } from '../harness/stuck-report.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '10m' });
const webhookEnv = { WEBHOOK_RETRY_INITIAL: '200ms', WEBHOOK_RETRY_MAX_INTERVAL: '1s' };
const { temporal, lifecycle } = useLifecycleServices(config);
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

describe('webhooks across worker crashes', () => {
  // Waits, not timing claims: an attempt cut by a kill is retried after its 15-s start-to-close
  // timeout and a 10-s backoff, and beside CI's other lanes the restarted worker takes its time too.
  it('a worker SIGKILLed during deliveries loses no event and never gives one event two webhook-ids', async () => {
    // Slow answers keep deliveries in flight when the worker dies.
    const url = receiver.url('/crash', () => ({ status: 200, delayMs: 150 }));
    const actor = { type: 'system' as const, id: 'test', label: 'durability test' };
    const { secret } = await createEndpoint(
      { tokenSecret: config.TOKEN_SECRET, requireHttps: false, allowPrivate: true, maxEndpoints: 20 },
      PLATFORM_SCOPE,
      { url },
      actor,
    );
    const tenant = await createTenant('essential');
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(tenant)));

    let worker = spawnWorkerProcess(config, webhookEnv);
    const whereItStood = () => stuckReport(temporal.client, config.TEMPORAL_TASK_QUEUE, worker);
    try {
      await Promise.all(users.map(({ subject }) => lifecycle.start(subject)));
      // Kill while the invitations' transitions are being recorded and announced.
      await eventually(() => expect(receiver.received.length).toBeGreaterThanOrEqual(5), { timeoutMs: 60_000, intervalMs: 20 });
      await worker.kill();
      const receivedBeforeFirstKill = receiver.received.length;
      worker = spawnWorkerProcess(config, webhookEnv);

      const invitations = await Promise.all(users.map(({ subject }) => waitForMessages(subject.email, 1, 60_000)));
      await Promise.all(
        users.map(async ({ subject }, i) =>
          lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(invitations[i]![0]!).token) }),
        ),
      );
      // Kill again while the registrations are announced (the sync delay is 2 s).
      await eventually(async () => expect(await WebhookDeliveryModel.countDocuments({ eventType: 'user.registered' })).toBeGreaterThanOrEqual(5), {
        timeoutMs: 60_000,
        intervalMs: 20,
      });
      await worker.kill();
      worker = spawnWorkerProcess(config, webhookEnv);

      await explainedWait(
        eventually(async () => expect(await WebhookDeliveryModel.countDocuments({ status: 'delivered' })).toBe(60), {
          timeoutMs: 240_000,
          intervalMs: 250,
        }),
        whereItStood,
      );
      expect(receivedBeforeFirstKill).toBeLessThan(60);
    } finally {
      await worker.stop();
    }

    const verifier = new Webhook(secret);
    const idsByEvent = new Map<string, Set<string>>();
    for (const request of receiver.at('/crash')) {
      const payload = verifier.verify(request.body, {
        'webhook-id': request.id,
        'webhook-timestamp': request.timestamp,
        'webhook-signature': request.signature,
      }) as { type: string; data: { userId: string } };
      const event = `${payload.data.userId} ${payload.type}`;
      idsByEvent.set(event, new Set([...(idsByEvent.get(event) ?? []), request.id]));
    }
    const expected = users.flatMap(({ subject }) => ['user.invited', 'user.registered', 'user.activated'].map((type) => `${subject.userId} ${type}`));
    // None lost: every user's three events arrived…
    expect([...idsByEvent.keys()].sort()).toEqual(expected.sort());
    // …each under exactly one webhook-id (a repeat after a kill carries the same id, which receivers drop).
    expect([...idsByEvent].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    const deliveries = await WebhookDeliveryModel.find({}, { _id: 1 }).lean();
    expect(new Set([...idsByEvent.values()].flatMap((ids) => [...ids]))).toEqual(new Set(deliveries.map((delivery) => delivery._id)));
  }, 400_000); // two worker processes killed and restarted, 60 deliveries: minutes on two shared cores, not the default 90 s
});
