import { describe, expect, it } from 'vitest';
import { EmailLogModel, InvitationModel, UserModel } from '../../data/models/index.js';
import { registerRejections } from '../../domain/lifecycle.js';
import { testConfig, useLifecycleServices, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { rejectionCode } from '../harness/update-rejection.js';

// Reminders and expiry far enough out that no step here races them; their timing is tested on
// the time-skipping server (user-activation-timers.test.ts). The 2 s sync delay is only waited for.
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' });
const { lifecycle } = useLifecycleServices(config);
useTestWorker(config);

async function startUser(plan: 'essential' | 'plus' = 'essential', overrides: Parameters<typeof createUser>[1] = {}) {
  const tenant = await createTenant(plan);
  const { user, subject } = await createUser(tenant, overrides);
  await lifecycle.start(subject);
  return { tenant, user, subject };
}

const statusOf = async (userId: string) => (await lifecycle.state(userId)).status;

describe('userActivation', () => {
  it('invites, registers, waits the sync delay and grants access, with exactly two e-mails', async () => {
    const { subject } = await startUser();
    const [invitation] = await waitForMessages(subject.email, 1);
    expect(invitation!.subject).toContain(subject.tenantName);
    const { token } = registrationLink(invitation!);

    const result = await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(token) });
    expect(result.accessAt - result.registeredAt).toBe(config.lifecycle.syncDelayMs);
    expect(await statusOf(subject.userId)).toBe('registered');

    const messages = await waitForMessages(subject.email, 2);
    expect(messages.map((message) => message.subject)).toEqual([invitation!.subject, `Your ${subject.tenantName} access is ready`]);
    await eventually(async () => expect(await statusOf(subject.userId)).toBe('active'));
    const projected = await eventually(async () => {
      const user = await UserModel.findById(subject.userId).lean();
      expect(user?.status).toBe('active');
      return user!;
    });
    expect(projected.accessGrantedAt).toBeInstanceOf(Date);
    expect(projected.loginLinkedAt).toBeNull();
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(2);

    // The admin's preview of the invitation shows the text but never the token.
    const logged = await EmailLogModel.findOne({ userId: subject.userId, template: 'invitation' }).lean();
    expect(logged?.preview).toContain('Register now: http://app.test/register/…');
    expect(logged?.preview).not.toContain(token);
  });

  it('resend kills the old link and the new one works', async () => {
    const { subject } = await startUser();
    const [first] = await waitForMessages(subject.email, 1);
    await lifecycle.resend(subject.userId);
    const [, second] = await waitForMessages(subject.email, 2);
    const oldId = await invitationIdForToken(registrationLink(first!).token);
    const newId = await invitationIdForToken(registrationLink(second!).token);
    expect(newId).not.toBe(oldId);

    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId: oldId }))).toBe(registerRejections.superseded);
    expect((await InvitationModel.findById(oldId).lean())?.closedReason).toBe('superseded');
    await lifecycle.register(subject.userId, { invitationId: newId });
    expect(await statusOf(subject.userId)).toBe('registered');
  });

  it('change of e-mail sends a new invitation to the new address and kills the old link', async () => {
    const { subject } = await startUser();
    const [first] = await waitForMessages(subject.email, 1);
    const newEmail = `changed-${subject.email}`;
    await UserModel.updateOne({ _id: subject.userId }, { $set: { email: newEmail } });
    await lifecycle.emailChanged(subject.userId);

    const [atNewAddress] = await waitForMessages(newEmail, 1);
    const oldId = await invitationIdForToken(registrationLink(first!).token);
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId: oldId }))).toBe(registerRejections.superseded);
    await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(atNewAddress!).token) });
    expect(await messagesTo(subject.email)).toHaveLength(1);
  });

  it('deactivation while waiting stops reminders and kills the link; reactivation invites again', async () => {
    const { subject } = await startUser();
    const [first] = await waitForMessages(subject.email, 1);
    await lifecycle.deactivate(subject.userId, 'left the office');
    await eventually(async () => expect(await statusOf(subject.userId)).toBe('inactive'));
    const state = await lifecycle.state(subject.userId);
    expect(state.nextReminderAt).toBeNull();
    const oldId = await invitationIdForToken(registrationLink(first!).token);
    expect((await InvitationModel.findById(oldId).lean())?.closedReason).toBe('revoked');
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId: oldId }))).toBe(registerRejections.wrongState);

    await lifecycle.reactivate(subject.userId);
    await waitForMessages(subject.email, 2);
    await eventually(async () => expect(await statusOf(subject.userId)).toBe('invited'));
  });

  it('refuses a second registration with the same invitation', async () => {
    const { subject } = await startUser();
    const [invitation] = await waitForMessages(subject.email, 1);
    const invitationId = await invitationIdForToken(registrationLink(invitation!).token);
    await lifecycle.register(subject.userId, { invitationId });
    expect(await rejectionCode(lifecycle.register(subject.userId, { invitationId }))).toBe(registerRejections.used);
  });

  it('runs the login link step only for plans that need it, and waits there for a confirmation', async () => {
    const { subject } = await startUser('plus');
    const [invitation] = await waitForMessages(subject.email, 1);
    await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(invitation!).token) });
    // No main system listens: the office confirms (the console's "I linked it in the main system").
    await eventually(async () => expect(await UserModel.findById(subject.userId).lean()).toMatchObject({ status: 'linking', loginLinkAwaitedFrom: 'office' }));
    expect((await lifecycle.state(subject.userId)).status).toBe('linking');
    await lifecycle.confirmLoginLink(subject.userId);
    const user = await eventually(async () => {
      const found = await UserModel.findById(subject.userId).lean();
      expect(found?.status).toBe('active');
      return found!;
    });
    expect(user.loginLinkedAt).toBeInstanceOf(Date);
  });

  it('marks a permanently rejected address as failing and sends no reminders to it', async () => {
    const { subject } = await startUser('essential', { email: `bounce-${Date.now()}@example.test` });
    const user = await eventually(async () => {
      const found = await UserModel.findById(subject.userId).lean();
      expect(found?.emailFailing).toBe(true);
      return found!;
    });
    expect(user.status).toBe('invited');
    expect(user.lastEmailError).toMatch(/550/);
    expect((await lifecycle.state(subject.userId)).nextReminderAt).toBeNull();
  });

  it('starting the same user twice reuses the running lifecycle', async () => {
    const { subject } = await startUser();
    const first = await waitForMessages(subject.email, 1);
    const again = await lifecycle.start(subject);
    expect(again.firstExecutionRunId).toBeDefined();
    expect((await lifecycle.state(subject.userId)).invitationsSent).toBe(1);
    expect(await messagesTo(subject.email)).toHaveLength(first.length);
  });
});
