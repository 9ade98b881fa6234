import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialModel, InvitationModel, UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';

// Sync delay 2 s (the harness default); reminders and expiry pushed out except where a test needs them.
// The per-IP limit has its own test (rate-limits.test.ts); here every request comes from one IP within a minute.
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m', PUBLIC_RATE_LIMIT: '1000', LOGIN_RATE_LIMIT: '1000' });
const env = useTestApi(config);
useTestWorker(config);
let tenant: { id: string; name: string };

/** A tenant with self-signup on or off, as an admin would set it. */
const signupTenant = (selfSignup: boolean) => apiTenant(env.integration, '/api/v1/tenants', 'essential', { selfSignup });

beforeAll(async () => {
  tenant = await apiTenant(env.integration, '/api/v1/tenants');
});

const password = 'correct horse 42';

async function onboarded(label: string) {
  const email = freshEmail(label);
  const { body } = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: `Person ${label}`, email });
  const [invitation] = await waitForMessages(email, 1);
  const { token } = registrationLink(invitation!);
  await eventually(async () => expect((await UserModel.findById(body.id).lean())?.status).toBe('invited'));
  return { email, userId: body.id as string, token };
}

describe('the end user path', () => {
  it('trigger → e-mail → GET invitation → accept → 403 ACCESS_PENDING → 200 after the sync delay', async () => {
    const { email, userId, token } = await onboarded('path');

    const first = await env.anonymous.get(`/api/public/invitations/${token}`);
    const second = await env.anonymous.get(`/api/public/invitations/${token}`);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body).toMatchObject({ name: 'Person path', email, tenantName: tenant.name, locale: 'en' });
    expect((await InvitationModel.findOne({ userId }).lean())?.consumedAt).toBeNull();

    const mismatch = await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: 'something else 1' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields).toEqual([{ path: 'passwordConfirmation', message: 'must match the password' }]);
    const weak = await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password: 'short', passwordConfirmation: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('password');

    const accepted = await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('registered');
    expect(Date.parse(accepted.body.accessAt) - Date.parse(accepted.body.registeredAt)).toBe(2_000);
    const credential = await CredentialModel.findById(userId).lean();
    expect(credential?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(credential?.passwordHash).not.toContain(password);

    const pending = await env.anonymous.post('/api/public/login', { email: email.toUpperCase(), password });
    // The sync delay is 2 s: this answer comes well inside it unless the machine stalls.
    expect(pending.status).toBe(403);
    expect(pending.body.error.code).toBe('ACCESS_PENDING');
    expect(Number(pending.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(pending.headers.get('retry-after'))).toBeLessThanOrEqual(2);

    const wrong = await env.anonymous.post('/api/public/login', { email, password: 'wrong password 1' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');

    const signedIn = await eventually(async () => {
      const answer = await env.anonymous.post('/api/public/login', { email, password });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(signedIn).toEqual({ status: 'active', user: { id: userId, name: 'Person path', email, tenantId: tenant.id, locale: 'en' } });
    const messages = await waitForMessages(email, 2);
    expect(messages[1]!.subject).toContain('access is ready');

    const used = await env.anonymous.get(`/api/public/invitations/${token}`);
    expect(used.status).toBe(410);
    expect(used.body.error.code).toBe('INVITATION_USED');
    const again = await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password: 'another pass 99', passwordConfirmation: 'another pass 99' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('INVITATION_USED');
    expect((await env.anonymous.post('/api/public/login', { email, password })).status).toBe(200);
  });

  it('refuses a superseded link with 410 and keeps unknown and malformed tokens apart', async () => {
    const { email, userId, token } = await onboarded('superseded');
    await env.integration.post(`/api/v1/onboardings/${userId}/resend`);
    const messages = await waitForMessages(email, 2);
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${token}`)).status).toBe(410));
    const accept = await env.anonymous.post(
      `/api/public/invitations/${token}/accept`,
      { password, passwordConfirmation: password },
      { 'accept-language': 'pt-BR' },
    );
    expect(accept.status).toBe(410);
    expect(accept.body.error).toMatchObject({
      code: 'INVITATION_SUPERSEDED',
      message: 'Um convite mais recente substituiu este. Use o link do e-mail mais recente.',
    });
    expect(await CredentialModel.findById(userId).lean()).toBeNull();
    const fresh = registrationLink(messages[1]!).token;
    expect((await env.anonymous.get(`/api/public/invitations/${fresh}`)).status).toBe(200);

    const unknown = await env.anonymous.get(`/api/public/invitations/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INVITATION_NOT_FOUND');
    const malformed = await env.anonymous.get('/api/public/invitations/short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].path).toBe('token');
  });

  it('refuses sign-in to a deactivated user with the generic 401', async () => {
    const { email, userId, token } = await onboarded('inactive');
    await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password });
    await eventually(async () => expect((await env.anonymous.post('/api/public/login', { email, password })).status).toBe(200));
    await env.integration.post(`/api/v1/onboardings/${userId}/deactivate`, {});
    await eventually(async () => expect((await UserModel.findById(userId).lean())?.status).toBe('inactive'));
    const answer = await env.anonymous.post('/api/public/login', { email, password });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('INVALID_CREDENTIALS');
    const unknown = await env.anonymous.post('/api/public/login', { email: freshEmail('nobody'), password });
    expect(unknown.body).toEqual(answer.body);
  });
});

describe('double submission', () => {
  it('lets exactly one of simultaneous submissions of a link win, and the user signs in with its password', async () => {
    // A race is probabilistic: five users, three submissions of each link at once, each with its own password.
    const users = await Promise.all([1, 2, 3, 4, 5].map((n) => onboarded(`double-${n}`)));
    await Promise.all(
      users.map(async ({ email, userId, token }, n) => {
        const passwords = [`first password ${n}1`, `second password ${n}2`, `third password ${n}3`];
        const answers = await Promise.all(
          passwords.map((candidate) => env.anonymous.post(`/api/public/invitations/${token}/accept`, { password: candidate, passwordConfirmation: candidate })),
        );
        const winners = passwords.filter((_, index) => answers[index]!.status === 200);
        expect(winners, email).toHaveLength(1);
        for (const answer of answers.filter((candidate) => candidate.status !== 200)) {
          expect([409, 410]).toContain(answer.status);
          expect(answer.body.error.code).toBe('INVITATION_USED');
        }
        await eventually(async () => expect((await UserModel.findById(userId).lean())?.status).toBe('active'), { timeoutMs: 20_000 });
        // Each user signs in from its own client address, so these checks never meet a per-IP limit.
        const from = { 'x-forwarded-for': `203.0.113.${n + 1}` };
        expect((await env.anonymous.post('/api/public/login', { email, password: winners[0] }, from)).status, `${email} with the winner's password`).toBe(200);
        for (const loser of passwords.filter((candidate) => candidate !== winners[0])) {
          expect((await env.anonymous.post('/api/public/login', { email, password: loser }, from)).status, `${email} with a loser's password`).toBe(401);
        }
        const credential = await CredentialModel.findById(userId).lean();
        expect(credential?.activatedAt).toBeInstanceOf(Date);
        expect(credential?.pending ?? []).toEqual([]);
      }),
    );
  });
});

describe('renew and signup', () => {
  it('answers the same 202 for any token, and sends nothing for a superseded, a live or an unknown link', async () => {
    const { email, userId, token } = await onboarded('renew');
    await env.integration.post(`/api/v1/onboardings/${userId}/resend`);
    const [, second] = await waitForMessages(email, 2);
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${token}`)).status).toBe(410));
    const newest = registrationLink(second!).token;

    // Whoever holds a replaced link (say, one sent to a mistyped address) can neither mail the
    // user nor kill the newest link; a link still alive is not replaced either.
    const superseded = await env.anonymous.post(`/api/public/invitations/${token}/renew`);
    const live = await env.anonymous.post(`/api/public/invitations/${newest}/renew`);
    const unknown = await env.anonymous.post(`/api/public/invitations/${'B'.repeat(43)}/renew`);
    for (const answer of [superseded, live, unknown]) expect(answer.status).toBe(202);
    expect(live.body).toEqual(superseded.body);
    expect(unknown.body).toEqual(superseded.body);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const state = await env.integration.get(`/api/v1/onboardings/${userId}`);
    expect(state.body.source).toBe('workflow');
    expect(state.body.invitationsSent).toBe(2);
    expect(await messagesTo(email)).toHaveLength(2);
    expect((await env.anonymous.get(`/api/public/invitations/${newest}`)).status).toBe(200);
  });

  it('signs up a new user through the same lifecycle and answers the same for a known e-mail, sending nothing', async () => {
    const open = await signupTenant(true);
    const email = freshEmail('signup');
    const first = await env.anonymous.post('/api/public/signup', { tenantId: open.id, name: 'Self Signed', email, locale: 'pt-BR' });
    expect(first.status).toBe(202);
    const [invitation] = await waitForMessages(email, 1);
    expect(invitation!.subject).toContain('Ative sua conta');

    const other = await signupTenant(true);
    const known = await env.anonymous.post('/api/public/signup', { tenantId: other.id, name: 'Someone Else', email, locale: 'pt-BR' });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(first.body);
    expect(await UserModel.countDocuments({ email })).toBe(1);
    const user = await UserModel.findOne({ email }).lean();
    await eventually(async () => expect((await env.integration.get(`/api/v1/onboardings/${user!._id}`)).body.invitationsSent).toBe(1));
    expect(await messagesTo(email)).toHaveLength(1);

    const invalid = await env.anonymous.post('/api/public/signup', { tenantId: open.id, name: '', email: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['email', 'name']);
  });

  it('answers the same 202 and does nothing for an unknown tenant, a tenant without self-signup and a staged user', async () => {
    const open = await signupTenant(true);
    const closed = await signupTenant(false);
    const stagedEmail = freshEmail('staged');
    const staged = await UserModel.create({
      tenantId: new Types.ObjectId(open.id),
      code: 9001,
      name: 'Staged One',
      email: stagedEmail,
      role: 'member',
      locale: 'en',
      status: 'staged',
      statusChangedAt: new Date(),
    });
    const proposedEmail = freshEmail('proposed');
    const proposed = await UserModel.create({
      tenantId: new Types.ObjectId(open.id),
      code: 9002,
      name: 'Staged Two',
      proposedEmail,
      role: 'member',
      locale: 'en',
      status: 'staged',
      statusChangedAt: new Date(),
    });

    const cases = [
      { tenantId: '0123456789abcdef01234567', email: freshEmail('unknown-tenant') },
      { tenantId: closed.id, email: freshEmail('closed-tenant') },
      { tenantId: open.id, email: stagedEmail },
      { tenantId: open.id, email: proposedEmail },
    ];
    const reference = await env.anonymous.post('/api/public/signup', { tenantId: open.id, name: 'Fresh Person', email: freshEmail('fresh') });
    expect(reference.status).toBe(202);
    for (const { tenantId, email } of cases) {
      const answer = await env.anonymous.post('/api/public/signup', { tenantId, name: 'Curious Person', email });
      expect(answer.status, email).toBe(202);
      expect(answer.body).toEqual(reference.body);
    }

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await UserModel.countDocuments({ email: { $in: cases.map((entry) => entry.email) } })).toBe(1);
    expect(await UserModel.countDocuments({ tenantId: new Types.ObjectId(closed.id) })).toBe(0);
    for (const { email } of cases) expect(await messagesTo(email)).toHaveLength(0);
    expect((await UserModel.findById(staged._id).lean())?.status).toBe('staged');
    expect((await UserModel.findById(proposed._id).lean())?.status).toBe('staged');
    expect((await UserModel.findById(staged._id).lean())?.invitedAt).toBeNull();
  });

  it('takes a name and nothing else: no links, addresses or digits, at most 100 characters', async () => {
    const open = await signupTenant(true);
    for (const name of ['Verify at http://evil.example/x', 'Go to www.evil.com now', 'evil.com', 'Call 0800 555 1234', 'me@evil.example', 'A'.repeat(101)]) {
      const email = freshEmail('bad-name');
      const answer = await env.anonymous.post('/api/public/signup', { tenantId: open.id, name, email });
      expect(answer.status, name).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['name']);
      expect(await UserModel.exists({ email })).toBeNull();
    }
    const email = freshEmail('good-name');
    const good = await env.anonymous.post('/api/public/signup', { tenantId: open.id, name: "María José D'Ávila-Souza Jr.", email });
    expect(good.status).toBe(202);
    expect(await UserModel.exists({ email })).not.toBeNull();
  });

  it('keeps self-signup off unless the tenant opts in, through the tenant API', async () => {
    const created = await env.integration.post('/api/v1/tenants', { name: `Office ${freshEmail().slice(0, 12)}`, plan: 'essential' });
    expect(created.status).toBe(201);
    expect(created.body.selfSignup).toBe(false);
    expect((await env.integration.get(`/api/v1/tenants/${created.body.id}`)).body.selfSignup).toBe(false);
    expect((await signupTenant(true)).selfSignup).toBe(true);
  });
});
