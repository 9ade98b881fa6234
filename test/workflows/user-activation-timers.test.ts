import fs from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { InvitationModel, UserModel, WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import { registerRejections, workflowIdForUser, type LifecyclePolicy } from '../../domain/lifecycle.js';
import { workflowIdForDelivery } from '../../domain/webhook-delivery.js';
import { lifecycleClient, type LifecycleClient } from '../../temporal/lifecycle-client.js';
import { secretBox } from '../../webhooks/secret-box.js';
import { connectTestMongo, startTestWorker, testConfig, type TestConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { advanceTo, startTimeSkippingTemporal, untilAtRest, type TimeSkippingTemporal } from '../harness/time-skipping.js';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.js';
import { rejectionCode } from '../harness/update-rejection.js';

/**
 * The lifecycle's timers at their production lengths (reminders after 1 and 3 days, expiry after
 * 7, a 5-minute sync delay, the supervisor's login link reminder after 1 day), on Temporal's
 * time-skipping test server: its clock runs at wall-clock pace while a test acts, so no deadline
 * falls in the middle of a step, and jumps only when the test moves it, so a test looks just
 * before and just after each deadline. Activities are the real ones, on this file's MongoDB
 * database and the shared SMTP receiver.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let env: TimeSkippingTemporal;
/** The main system, hearing `user.login_link_requested`. */
let mainSystem: WebhookReceiver;
let config: TestConfig;
let lifecycle: LifecycleClient;
const teardown: (() => Promise<void>)[] = [];
/** Lifecycles a test started; deactivated after it, so their timers do not fire during the next test's jumps. */
const started: string[] = [];

beforeAll(async () => {
  env = await startTimeSkippingTemporal();
  teardown.push(() => env.teardown());
  mainSystem = await startWebhookReceiver();
  teardown.push(() => mainSystem.close());
  config = testConfig({
    TEMPORAL_ADDRESS: env.address,
    SYNC_DELAY: '5m',
    REMINDER_SCHEDULE: '1d,3d',
    INVITE_TTL: '7d',
    REMINDER_SPREAD: '0',
    LOGIN_LINK_REMINDER_AFTER: '1d',
  });
  const mongo = await connectTestMongo(config);
  teardown.unshift(mongo.disconnect);
  const worker = await startTestWorker(config, { connection: env.nativeConnection });
  teardown.unshift(worker.stop);
  lifecycle = lifecycleClient(env.client, config);
});
afterEach(async () => {
  // A deactivation rather than a terminate: see skip() in the harness.
  for (const userId of started.splice(0)) {
    await lifecycle.deactivate(userId, 'test over');
    await untilAtRest(env, workflowIdForUser(userId));
  }
});
afterAll(async () => {
  for (const step of teardown) await step();
});

async function startUser(overrides: Parameters<typeof createUser>[1] = {}, policy?: LifecyclePolicy, tenant?: Awaited<ReturnType<typeof createTenant>>) {
  tenant ??= await createTenant('essential');
  const { subject } = await createUser(tenant, overrides);
  await lifecycle.start(subject, policy);
  started.push(subject.userId);
  const workflowId = workflowIdForUser(subject.userId);
  await waitForMessages(subject.email, 1);
  await untilAtRest(env, workflowId);
  return { subject, workflowId };
}

const stateOf = (userId: string) => lifecycle.state(userId);
const subjects = async (email: string) => (await messagesTo(email)).map((message) => message.subject);

describe('userActivation timers (time-skipping server)', () => {
  it('reminds after one and three days (pointing at the spam folder), expires after seven and refuses the old link', async () => {
    const { subject, workflowId } = await startUser({ locale: 'pt-BR' });
    const invited = await stateOf(subject.userId);
    const invitedAt = invited.invitedAt!;
    expect(invited.nextReminderAt).toBe(invitedAt + DAY);
    expect(invited.expiresAt).toBe(invitedAt + 7 * DAY);
    const invitation = `Ative sua conta ${subject.tenantName}`;
    const reminder = `Lembrete: ative sua conta ${subject.tenantName}`;

    await advanceTo(env, workflowId, invitedAt + DAY - MINUTE);
    expect(await subjects(subject.email)).toEqual([invitation]);
    await advanceTo(env, workflowId, invitedAt + DAY + MINUTE);
    const afterFirst = await waitForMessages(subject.email, 2);
    expect(afterFirst.map((message) => message.subject)).toEqual([invitation, reminder]);
    expect(afterFirst[1]!.text).toContain('spam');
    expect(afterFirst[1]!.text).toContain('no-reply@accounts.test');
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'invited', remindersSent: 1, nextReminderAt: invitedAt + 3 * DAY });

    await advanceTo(env, workflowId, invitedAt + 3 * DAY - MINUTE);
    expect(await subjects(subject.email)).toHaveLength(2);
    await advanceTo(env, workflowId, invitedAt + 3 * DAY + MINUTE);
    await waitForMessages(subject.email, 3);
    expect(await subjects(subject.email)).toEqual([invitation, reminder, reminder]);
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'invited', remindersSent: 2, nextReminderAt: null });

    await advanceTo(env, workflowId, invitedAt + 7 * DAY - MINUTE);
    expect((await stateOf(subject.userId)).status).toBe('invited');
    await advanceTo(env, workflowId, invitedAt + 7 * DAY + MINUTE);
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'expired', remindersSent: 2 });
    const invitationId = await invitationIdForToken(registrationLink(afterFirst[0]!).token);
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId }))).toBe(registerRejections.expired);
    expect((await InvitationModel.findById(invitationId).lean())?.closedReason).toBe('expired');

    // Expired is at rest: a month later nothing more was sent and no timer is left.
    expect(await advanceTo(env, workflowId, invitedAt + 37 * DAY)).toEqual([]);
    expect(await subjects(subject.email)).toHaveLength(3);
  });

  it('accepts a registration in the last minute and grants access only when the sync delay is over', async () => {
    const { subject, workflowId } = await startUser({}, { ...config.lifecycle, reminderOffsetsMs: [] });
    const [invitation] = await messagesTo(subject.email);
    const { invitedAt, expiresAt } = await stateOf(subject.userId);
    expect(expiresAt).toBe(invitedAt! + 7 * DAY);

    await advanceTo(env, workflowId, expiresAt! - MINUTE);
    const result = await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(invitation!).token) });
    expect(result.accessAt - result.registeredAt).toBe(5 * MINUTE);
    await untilAtRest(env, workflowId);

    // Past the invitation's expiry, before the end of the sync delay: registered, no access yet.
    await advanceTo(env, workflowId, result.accessAt - 1_000);
    expect((await stateOf(subject.userId)).status).toBe('registered');
    expect((await UserModel.findById(subject.userId).lean())?.accessGrantedAt).toBeNull();
    expect(await messagesTo(subject.email)).toHaveLength(1);

    await advanceTo(env, workflowId, result.accessAt + 1_000);
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'active', activatedAt: expect.any(Number) });
    expect((await stateOf(subject.userId)).activatedAt).toBeGreaterThanOrEqual(result.accessAt);
    expect(await subjects(subject.email)).toEqual([invitation!.subject, `Your ${subject.tenantName} access is ready`]);
    expect((await UserModel.findById(subject.userId).lean())?.accessGrantedAt).toBeInstanceOf(Date);

    // Active is at rest: the expired invitation's timer was given up with the registration.
    expect(await advanceTo(env, workflowId, result.accessAt + 30 * DAY)).toEqual([]);
    expect((await stateOf(subject.userId)).status).toBe('active');
    expect(await messagesTo(subject.email)).toHaveLength(2);
  });

  it("a resend starts the schedule again: reminders follow the new invitation, the first one's expiry passes", async () => {
    const { subject, workflowId } = await startUser();
    const firstInvitedAt = (await stateOf(subject.userId)).invitedAt!;
    await advanceTo(env, workflowId, firstInvitedAt + DAY + MINUTE);
    await waitForMessages(subject.email, 2);

    await advanceTo(env, workflowId, firstInvitedAt + 2 * DAY);
    await lifecycle.resend(subject.userId);
    const [first, , second] = await waitForMessages(subject.email, 3);
    await untilAtRest(env, workflowId);
    const resent = await stateOf(subject.userId);
    const resentAt = resent.invitedAt!;
    expect(resentAt).toBeGreaterThanOrEqual(firstInvitedAt + 2 * DAY);
    expect(resent).toMatchObject({ remindersSent: 0, nextReminderAt: resentAt + DAY, expiresAt: resentAt + 7 * DAY });

    // The first invitation's second reminder (day 3) and expiry (day 7) are gone with it.
    await advanceTo(env, workflowId, firstInvitedAt + 7 * DAY);
    expect(await subjects(subject.email)).toEqual([
      `Activate your ${subject.tenantName} account`,
      `Reminder: activate your ${subject.tenantName} account`,
      `Activate your ${subject.tenantName} account`,
      `Reminder: activate your ${subject.tenantName} account`,
      `Reminder: activate your ${subject.tenantName} account`,
    ]);
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'invited', remindersSent: 2 });

    const oldId = await invitationIdForToken(registrationLink(first!).token);
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId: oldId }))).toBe(registerRejections.superseded);
    await advanceTo(env, workflowId, resentAt + 7 * DAY + MINUTE);
    expect((await stateOf(subject.userId)).status).toBe('expired');
    const newId = await invitationIdForToken(registrationLink(second!).token);
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId: newId }))).toBe(registerRejections.expired);
  });

  it('deactivation stops the reminders and the expiry; reactivation invites again on a fresh schedule', async () => {
    const { subject, workflowId } = await startUser();
    const invitedAt = (await stateOf(subject.userId)).invitedAt!;
    await lifecycle.deactivate(subject.userId, 'left the office');
    expect(await untilAtRest(env, workflowId)).toEqual([]);
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'inactive', nextReminderAt: null });

    await advanceTo(env, workflowId, invitedAt + 30 * DAY);
    expect(await messagesTo(subject.email)).toHaveLength(1);
    expect((await stateOf(subject.userId)).status).toBe('inactive');

    await lifecycle.reactivate(subject.userId);
    await waitForMessages(subject.email, 2);
    await untilAtRest(env, workflowId);
    const reinvited = await stateOf(subject.userId);
    expect(reinvited).toMatchObject({ status: 'invited', nextReminderAt: reinvited.invitedAt! + DAY });
    await advanceTo(env, workflowId, reinvited.invitedAt! + DAY + MINUTE);
    expect((await subjects(subject.email)).at(-1)).toBe(`Reminder: activate your ${subject.tenantName} account`);
  });
  it('reminds the supervisor once when the main system has not confirmed the login link after a day', async () => {
    const tenant = await createTenant('plus');
    const endpoint = new WebhookEndpointModel({ url: mainSystem.url('/login-links'), events: ['user.login_link_requested'], tenantId: tenant._id });
    endpoint.sealedSecret = secretBox(config.TOKEN_SECRET).seal('whsec_main-system', String(endpoint._id));
    await endpoint.save();
    const { user: supervisor } = await createUser(tenant, { name: 'Sofia Supervisor' });
    await UserModel.updateOne({ _id: supervisor._id }, { $set: { role: 'supervisor', status: 'active' } });
    const { subject, workflowId } = await startUser({ name: 'Late Link' }, undefined, tenant);

    const [invitation] = await messagesTo(subject.email);
    const { accessAt } = await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(invitation!).token) });
    await advanceTo(env, workflowId, accessAt + 1_000);
    const delivery = await eventually(async () => {
      const found = await WebhookDeliveryModel.findOne({ tenantId: tenant._id, eventType: 'user.login_link_requested', status: 'delivered' }).lean();
      expect(found).not.toBeNull();
      return found!;
    });
    // Its workflow done, so no attempt of it is in flight while the clock jumps.
    await eventually(async () => expect((await env.client.workflow.getHandle(workflowIdForDelivery(delivery._id)).describe()).status.name).toBe('COMPLETED'));
    const linking = await stateOf(subject.userId);
    expect(linking.status).toBe('linking');
    const requestedAt = linking.loginLinkRequestedAt!;

    await advanceTo(env, workflowId, requestedAt + DAY - MINUTE);
    expect(await messagesTo(supervisor.email!)).toHaveLength(0);
    await advanceTo(env, workflowId, requestedAt + DAY + MINUTE);
    const [reminder] = await waitForMessages(supervisor.email!, 1);
    expect(reminder!.subject).toBe("Late Link's login is not linked in the main system yet");
    expect(await stateOf(subject.userId)).toMatchObject({ status: 'linking', loginLinkRemindedAt: expect.any(Number) });

    // Once only: a month on, still one reminder; the confirmation then activates.
    await advanceTo(env, workflowId, requestedAt + 31 * DAY);
    expect(await messagesTo(supervisor.email!)).toHaveLength(1);
    await lifecycle.confirmLoginLink(subject.userId);
    await untilAtRest(env, workflowId);
    expect((await stateOf(subject.userId)).status).toBe('active');
    expect((await subjects(subject.email)).at(-1)).toBe(`Your ${subject.tenantName} access is ready`);

    // No saved history goes through the linking step and its reminder: this one replays now, and
    // is saved once (UPDATE_HISTORIES=1 replaces it) for replay-and-secrets.test.ts to replay later.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('services').workflowBundlePath } }, history, workflowId);
    const saved = new URL('../fixtures/histories/login-link-reminded.json', import.meta.url);
    if (process.env.UPDATE_HISTORIES === '1' || !fs.existsSync(saved)) {
      fs.writeFileSync(`${saved.pathname}.tmp`, historyToJSON(history));
      fs.renameSync(`${saved.pathname}.tmp`, saved);
    }
  });
});
