import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { adminClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { startWebhookReceiver } from '../harness/webhook-receiver.js';

/**
 * The Plus/Premium/Enterprise step "link the user's e-mail inside the main system", for real: the
 * lifecycle asks the main system (the `user.login_link_requested` webhook) and waits, in `linking`,
 * for its confirmation through the API; a late one reminds the tenant's supervisor.
 */
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m', LOGIN_LINK_REMINDER_AFTER: '3s', PUBLIC_RATE_LIMIT: '1000', LOGIN_RATE_LIMIT: '1000' });
const env = useTestApi(config);
useTestWorker(config);
/** The main system: a real HTTP receiver of the webhooks. */
let mainSystem: Awaited<ReturnType<typeof startWebhookReceiver>>;
const received = () => mainSystem.received.map((request) => JSON.parse(request.body) as { type: string; data: { userId: string; email: string } });

beforeAll(async () => {
  mainSystem = await startWebhookReceiver();
});
afterAll(async () => {
  await mainSystem?.close();
});

const password = 'linked login 42';

/** A Plus tenant whose main system listens for login link requests, with a registered user. */
async function registeredOnPlus(label: string, { listening = true } = {}) {
  const tenant = await apiTenant(env.integration, '/api/v1/tenants', 'plus');
  if (listening) {
    const url = mainSystem.url('/hooks');
    const endpoint = await env.integration.post('/api/v1/webhooks', { url, events: ['user.login_link_requested'], tenantId: tenant.id });
    expect(endpoint.status).toBe(201);
  }
  const supervisorEmail = freshEmail(`${label}-supervisor`);
  await UserModel.create({
    tenantId: tenant.id,
    code: 1,
    name: 'Sofia Supervisor',
    email: supervisorEmail,
    role: 'supervisor',
    locale: 'en',
    status: 'active',
    statusChangedAt: new Date(),
  });
  const email = freshEmail(label);
  const { body } = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: `Person ${label}`, email, code: 2 });
  const { token } = registrationLink((await waitForMessages(email, 1))[0]!);
  expect((await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password })).status).toBe(200);
  return { userId: body.id as string, email, supervisorEmail };
}

const statusOf = async (userId: string) => (await UserModel.findById(userId).lean())?.status;

describe('the main-system login link step', () => {
  it('asks the main system, answers ACCESS_PENDING while linking, and activates on its confirmation', async () => {
    const { userId, email } = await registeredOnPlus('confirm');
    await eventually(async () => expect(await statusOf(userId)).toBe('linking'));
    const request = await eventually(async () => {
      const found = received().find((event) => event.type === 'user.login_link_requested' && event.data.userId === userId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(request.data.email).toBe(email);

    const pending = await env.anonymous.post('/api/public/login', { email, password });
    expect(pending.status).toBe(403);
    expect(pending.body.error).toMatchObject({ code: 'ACCESS_PENDING', message: expect.stringContaining('linked in the main system') });
    expect((await env.integration.get(`/api/v1/onboardings/${userId}`)).body.status).toBe('linking');

    const confirmed = await env.integration.post(`/api/v1/onboardings/${userId}/login-link`);
    expect(confirmed.status).toBe(202);
    await eventually(async () => expect(await statusOf(userId)).toBe('active'));
    expect((await UserModel.findById(userId).lean())?.loginLinkedAt).toBeInstanceOf(Date);
    expect((await env.anonymous.post('/api/public/login', { email, password })).status).toBe(200);
    expect((await waitForMessages(email, 2))[1]!.subject).toContain('access is ready');
  });

  it('reminds the lowest-code supervisor once when the main system is late, then still activates', async () => {
    const { userId, supervisorEmail } = await registeredOnPlus('late');
    const [reminder] = await waitForMessages(supervisorEmail, 1);
    expect(reminder!.subject).toContain('Person late');
    expect(reminder!.text).toContain('main system has not confirmed');
    expect(await statusOf(userId)).toBe('linking');
    await env.integration.post(`/api/v1/onboardings/${userId}/login-link`);
    await eventually(async () => expect(await statusOf(userId)).toBe('active'));
    expect(await messagesTo(supervisorEmail)).toHaveLength(1);
  });

  it('a deactivation while linking wins: no access, no link recorded', async () => {
    const { userId } = await registeredOnPlus('deactivated');
    await eventually(async () => expect(await statusOf(userId)).toBe('linking'));
    expect((await env.integration.post(`/api/v1/onboardings/${userId}/deactivate`, { reason: 'left' })).status).toBe(202);
    await eventually(async () => expect(await statusOf(userId)).toBe('inactive'));
    expect((await UserModel.findById(userId).lean())?.loginLinkedAt).toBeNull();
    const late = await env.integration.post(`/api/v1/onboardings/${userId}/login-link`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('LOGIN_LINK_NOT_REQUESTED');
  });

  it('without a listening main system waits for the office, which confirms in the console, one person or all at once', async () => {
    const first = await registeredOnPlus('office-one', { listening: false });
    await eventually(async () => expect(await UserModel.findById(first.userId).lean()).toMatchObject({ status: 'linking', loginLinkAwaitedFrom: 'office' }));
    expect((await env.anonymous.post('/api/public/login', { email: first.email, password })).body.error.code).toBe('ACCESS_PENDING');
    // Nobody linked anything: it stays so, and sends no "access ready".
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statusOf(first.userId)).toBe('linking');
    expect(await messagesTo(first.email)).toHaveLength(1);

    // The office's supervisor, signed in to the console as herself: a viewer may not confirm, she may.
    const { tenantId } = (await UserModel.findById(first.userId).lean())!;
    const supervisor = (await UserModel.findOne({ tenantId, code: 1 }).lean())!;
    const office = async (role: 'admin' | 'viewer') => {
      const email = freshEmail(`office-${role}`);
      await env.admin.post('/api/admin/admins', { email, name: `Office ${role}`, role, password: 'office password 1', tenantUserId: String(supervisor._id) });
      return (await adminClient(env.url, email, 'office password 1')).client;
    };
    expect((await (await office('viewer')).post(`/api/admin/users/${first.userId}/login-link`)).status).toBe(403);
    const console_ = await office('admin');
    const confirmed = await console_.post(`/api/admin/users/${first.userId}/login-link`);
    expect(confirmed.status).toBe(202);
    await eventually(async () => expect(await statusOf(first.userId)).toBe('active'));
    expect((await waitForMessages(first.email, 2))[1]!.subject).toContain('access is ready');
    expect((await env.anonymous.post('/api/public/login', { email: first.email, password })).status).toBe(200);
    const audit = await env.admin.get(
      `/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ entityId: first.userId, action: 'user.loginLinkConfirmed' }))}`,
    );
    expect(audit.body[0].actor).toMatchObject({ type: 'admin', label: expect.stringContaining('office-admin') });

    // All at once: everyone of the office still waiting; someone not waiting is reported, not confirmed.
    const others = await Promise.all(['office-two', 'office-three'].map((label) => registeredOnPlus(label, { listening: false })));
    await Promise.all(others.map(({ userId }) => eventually(async () => expect(await statusOf(userId)).toBe('linking'))));
    for (const { userId } of others) {
      const bulk = await env.admin.post(`/api/admin/tenants/${String((await UserModel.findById(userId).lean())!.tenantId)}/login-links`, {});
      expect(bulk.body).toEqual({ confirmed: [userId], refused: [] });
      await eventually(async () => expect(await statusOf(userId)).toBe('active'));
    }
    const again = await console_.post(`/api/admin/tenants/${String(tenantId)}/login-links`, { userIds: [first.userId] });
    expect(again.body.refused).toEqual([]);
    expect(again.body.confirmed).toEqual([first.userId]); // already linked: confirming again changes nothing
    expect(await messagesTo(first.email)).toHaveLength(2);
  });
});
