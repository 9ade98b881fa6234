import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { EmailLogModel } from '../../data/models/index.js';
import { USER_ACTIVATION_WORKFLOW, workflowIdForUser, type UserActivationInput } from '../../domain/lifecycle.js';
import { startTestWorker, testConfig, useLifecycleServices } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { spawnWorkerProcess } from '../harness/worker-process.js';
import { explainedWait, stuckReport } from '../harness/stuck-report.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '10m' });
const { temporal, lifecycle } = useLifecycleServices(config);

describe('durability', () => {
  it('a worker killed mid-lifecycle and restarted still sends exactly one e-mail per idempotency key', { timeout: 600_000 }, async () => {
    const tenant = await createTenant('essential');
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(tenant)));
    let worker = spawnWorkerProcess(config);
    await Promise.all(users.map(({ subject }) => lifecycle.start(subject)));

    // Kill while the cohort's invitations are in flight.
    await eventually(async () => expect(await EmailLogModel.countDocuments({ status: 'sent' })).toBeGreaterThanOrEqual(5), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    await worker.kill();
    const sentBeforeKill = await EmailLogModel.countDocuments({ status: 'sent' });

    worker = spawnWorkerProcess(config);
    const whereItStood = () => stuckReport(temporal.client, config.TEMPORAL_TASK_QUEUE, worker);
    try {
      // Generous waits, not timing claims: a task of a killed worker waits out its timeouts (workflow
      // task 10 s, activity 15-20 s, then the retry's backoff), longer on a loaded machine (150 s
      // once fell short in CI, run beside the other lanes' busiest minutes).
      const invitations = await explainedWait(Promise.all(users.map(({ subject }) => waitForMessages(subject.email, 1, 240_000))), whereItStood);
      await Promise.all(
        users.map(async ({ subject }, i) => {
          const { token } = registrationLink(invitations[i]![0]!);
          await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(token) });
        }),
      );
      // Kill again during the sync delay; access must still be granted once.
      await worker.kill();
      worker = spawnWorkerProcess(config);
      await explainedWait(Promise.all(users.map(({ subject }) => waitForMessages(subject.email, 2, 240_000))), whereItStood);
      await eventually(async () => expect(await EmailLogModel.countDocuments({ status: 'sent' })).toBe(40));
    } finally {
      await worker.stop();
    }

    expect(sentBeforeKill).toBeLessThan(40);
    for (const { subject } of users) {
      // One e-mail per idempotency key. A kill in the instant between SMTP acceptance and the log
      // write can make the retry hand over a copy, but it carries the same Message-ID (derived from
      // the key), so it is the same e-mail to every mail client, never a second one.
      const received = await messagesTo(subject.email);
      const subjectsById = new Map(received.map((message) => [message.messageId, message.subject]));
      expect([...subjectsById.values()]).toEqual([`Activate your ${tenant.name} account`, `Your ${tenant.name} access is ready`]);
      const logged = await EmailLogModel.find({ userId: subject.userId }, { messageId: 1 }).lean();
      expect(new Set(subjectsById.keys())).toEqual(new Set(logged.map((record) => record.messageId)));
    }
  });

  it('continues as new before the history grows large, carrying the state over', async () => {
    const worker = await startTestWorker(config);
    try {
      const tenant = await createTenant('essential');
      const { subject } = await createUser(tenant);
      const input: UserActivationInput = {
        userId: subject.userId,
        tenantId: subject.tenantId,
        userLabel: subject.name,
        tenantLabel: tenant.name,
        policy: config.lifecycle,
        historyEventsLimit: 40,
      };
      const handle = await temporal.client.workflow.start(USER_ACTIVATION_WORKFLOW, {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowId: workflowIdForUser(subject.userId),
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      });
      await waitForMessages(subject.email, 1);
      for (let sent = 2; sent <= 6; sent++) {
        await lifecycle.resend(subject.userId);
        await waitForMessages(subject.email, sent);
      }
      // The receiver has the sixth e-mail a moment before the workflow hears the activity finished
      // and decides to continue as new, so wait for the new run rather than expect it at once.
      await eventually(async () => {
        const description = await temporal.client.workflow.getHandle(handle.workflowId).describe();
        expect(description.runId).not.toBe(handle.firstExecutionRunId);
      });
      const state = await lifecycle.state(subject.userId);
      expect(state.invitationsSent).toBe(6);
      expect(state.status).toBe('invited');

      const latest = (await messagesTo(subject.email)).at(-1)!;
      await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(latest).token) });
      expect((await lifecycle.state(subject.userId)).status).toBe('registered');
    } finally {
      await worker.stop();
    }
  });
});
