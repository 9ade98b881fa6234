import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { createApiKey } from '../../use-cases/api-keys/create-api-key.js';
import { revokeApiKey } from '../../use-cases/api-keys/revoke-api-key.js';
import { AuditEventModel, EmailLogModel, IdempotencyRecordModel, UserModel } from '../../data/models/index.js';
import { apiClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';

// Reminders far away: every e-mail counted here is an invitation.
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' });
const env = useTestApi(config);
useTestWorker(config);
let tenantId: string;

beforeAll(async () => {
  tenantId = (await apiTenant(env.integration, '/api/v1/tenants')).id;
});

const v1Routes = [
  ['POST', '/api/v1/onboardings'],
  ['POST', '/api/v1/onboardings/batch'],
  ['GET', '/api/v1/onboardings/0123456789abcdef01234567'],
  ['PATCH', '/api/v1/onboardings/0123456789abcdef01234567'],
  ['POST', '/api/v1/onboardings/0123456789abcdef01234567/resend'],
  ['POST', '/api/v1/onboardings/0123456789abcdef01234567/deactivate'],
  ['POST', '/api/v1/onboardings/0123456789abcdef01234567/reactivate'],
  ['POST', '/api/v1/onboardings/0123456789abcdef01234567/login-link'],
  ['GET', '/api/v1/tenants'],
  ['GET', '/api/v1/tenants/0123456789abcdef01234567'],
  ['POST', '/api/v1/tenants'],
  // The sync list for other systems (test/api/user-sync.test.ts).
  ['GET', '/api/v1/users'],
  // The login migration's routes (api/migrations/routes.ts), shared with the admin API.
  ['POST', '/api/v1/tenants/0123456789abcdef01234567/users/import'],
  ['POST', '/api/v1/tenants/0123456789abcdef01234567/migrations'],
  ['GET', '/api/v1/tenants/0123456789abcdef01234567/migrations'],
  ['GET', '/api/v1/migrations/00000000-0000-4000-8000-000000000000'],
  ['POST', '/api/v1/migrations/00000000-0000-4000-8000-000000000000/cancel'],
  // Lifecycle webhooks (api/webhooks/routes.ts).
  ['POST', '/api/v1/webhooks'],
  ['GET', '/api/v1/webhooks'],
  ['GET', '/api/v1/webhooks/0123456789abcdef01234567'],
  ['PATCH', '/api/v1/webhooks/0123456789abcdef01234567'],
  ['DELETE', '/api/v1/webhooks/0123456789abcdef01234567'],
  ['GET', '/api/v1/webhooks/0123456789abcdef01234567/deliveries'],
  ['POST', '/api/v1/webhook-deliveries/msg_Zx9kQpLmNvBcRtYwHsGdFaJeUiO/resend'],
] as const;

async function workflowRuns(userId: string) {
  let count = 0;
  for await (const _ of env.api.temporal.workflow.list({ query: `UserId = "${userId}"` })) count++;
  return count;
}

describe('integration API authentication', () => {
  it('answers 401 on every route without a key, with a wrong key and with a revoked key', async () => {
    const revoked = await createApiKey(PLATFORM_SCOPE, { name: 'to revoke' });
    expect(await revokeApiKey(revoked.prefix)).toBe(1);
    const callers = [
      apiClient(env.url),
      apiClient(env.url, { headers: { authorization: 'Bearer ak_not-a-real-key' } }),
      apiClient(env.url, { headers: { authorization: `Bearer ${revoked.key}` } }),
    ];
    for (const caller of callers) {
      for (const [method, path] of v1Routes) {
        const answer = await caller.call(method, path, { body: method === 'GET' ? undefined : {} });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('every documented /api/v1 route is in the list above', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    // The e-mail providers' reports take no key: each provider signs its own (test/api/email-events.test.ts).
    const documented = Object.entries(body.paths as Record<string, object>).flatMap(([path, ops]) =>
      path.startsWith('/api/v1') && !path.startsWith('/api/v1/email-events/') ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`) : [],
    );
    const documentedParams = (path: string) =>
      path
        .replace(/tenants\/[0-9a-f]{24}\/(users|migrations)/, 'tenants/{tenantId}/$1')
        .replace(/[0-9a-f]{24}/, '{id}')
        .replace(/migrations\/[0-9a-f-]{36}/, 'migrations/{migrationId}')
        .replace(/msg_\w+/, '{id}');
    const tested = v1Routes.map(([method, path]) => `${method} ${documentedParams(path)}`);
    expect(new Set(tested)).toEqual(new Set(documented));
  });
});

describe('onboardings', () => {
  it('creates the user, starts the lifecycle and sends one invitation; status is live from the workflow', async () => {
    const email = freshEmail('onboard');
    const created = await env.integration.post('/api/v1/onboardings', {
      tenantId,
      name: 'Ana Souza',
      email: email.toUpperCase(),
      locale: 'pt-BR',
      externalId: 'erp-1',
    });
    expect(created.status).toBe(201);
    // The answer is where the lifecycle is: with a worker running, its first step (the invitation) has run.
    expect(created.body).toMatchObject({
      tenantId,
      name: 'Ana Souza',
      email,
      status: 'invited',
      source: 'workflow',
      invitationsSent: 1,
      externalId: 'erp-1',
      code: expect.any(Number),
    });
    const [invitation] = await waitForMessages(email, 1);
    expect(registrationLink(invitation!).url).toContain('http://app.test/register/');

    const status = await eventually(async () => {
      const answer = await env.integration.get(`/api/v1/onboardings/${created.body.id}`);
      expect(answer.body).toMatchObject({ status: 'invited', source: 'workflow', invitationsSent: 1 });
      return answer.body;
    });
    expect(Date.parse(status.invitationExpiresAt) - Date.parse(status.invitedAt)).toBe(10 * 60_000);
    const audit = await AuditEventModel.findOne({ entityId: created.body.id, action: 'user.created' }).lean();
    expect(audit?.actor).toMatchObject({ type: 'integration', label: 'test integration' });
  });

  it('is idempotent by Idempotency-Key: the same answer, one workflow, one e-mail', async () => {
    const email = freshEmail('idem');
    const body = { tenantId, name: 'Bruno Lima', email };
    const headers = { 'idempotency-key': `key-${email}` };
    const [first, second] = await Promise.all([
      env.integration.post('/api/v1/onboardings', body, headers),
      env.integration.post('/api/v1/onboardings', body, headers),
    ]);
    const statuses = [first.status, second.status].sort();
    // Concurrent duplicates: one does the work; the other gets the stored answer or "in progress".
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const replay = await env.integration.post('/api/v1/onboardings', body, headers);
    expect(replay.status).toBe(201);
    const winner = first.status === 201 ? first : second;
    expect(replay.body).toEqual(winner.body);

    await waitForMessages(email, 1);
    const userId = winner.body.id as string;
    await eventually(async () => expect(await workflowRuns(userId)).toBe(1));
    expect(await UserModel.countDocuments({ email })).toBe(1);
    expect(await EmailLogModel.countDocuments({ userId })).toBe(1);
    expect((await env.integration.get(`/api/v1/onboardings/${userId}`)).body.invitationsSent).toBe(1);
  });

  it('gives a key left "processing" by a dead process to the next retry once its lease lapses', async () => {
    const email = freshEmail('crash');
    const body = { tenantId, name: 'Carla Dias', email };
    const headers = { 'idempotency-key': `crash-${email}` };
    const first = await env.integration.post('/api/v1/onboardings', body, headers);
    expect(first.status).toBe(201);
    // As if the API process had died after starting the work and before storing the answer.
    const record = { _id: new RegExp(`:crash-${email.replace(/[.+]/g, '\\$&')}$`) };
    const crashed = { state: 'processing', owner: 'dead-process', status: null, body: null };
    await IdempotencyRecordModel.updateOne(record, { $set: { ...crashed, leaseUntil: new Date(Date.now() + 60_000) } });
    expect((await env.integration.post('/api/v1/onboardings', body, headers)).status).toBe(409);

    await IdempotencyRecordModel.updateOne(record, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    const retry = await env.integration.post('/api/v1/onboardings', body, headers);
    expect(retry.status).toBeLessThan(300);
    expect(retry.body.id).toBe(first.body.id);
    expect(await IdempotencyRecordModel.findOne(record).lean()).toMatchObject({ state: 'done', owner: null });
    expect(await UserModel.countDocuments({ email })).toBe(1);
    await waitForMessages(email, 1);
    expect(await EmailLogModel.countDocuments({ userId: first.body.id })).toBe(1);
  });

  it('is idempotent by tenant + externalId (and e-mail) without a header', async () => {
    const email = freshEmail('ext');
    const first = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Carla', email, externalId: 'erp-77' });
    const again = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Carla', email, externalId: 'erp-77' });
    const sameEmail = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Carla', email });
    expect(first.status).toBe(201);
    expect([again.status, sameEmail.status]).toEqual([200, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(sameEmail.body.id).toBe(first.body.id);
    await waitForMessages(email, 1);
    await eventually(async () => expect(await workflowRuns(first.body.id)).toBe(1));
    expect(await EmailLogModel.countDocuments({ userId: first.body.id })).toBe(1);
  });

  it('refuses a reused Idempotency-Key on a different request, bad input, an unknown tenant and a taken login', async () => {
    const headers = { 'idempotency-key': `reuse-${freshEmail()}` };
    expect((await env.integration.post('/api/v1/onboardings', { tenantId, name: 'One', email: freshEmail() }, headers)).status).toBe(201);
    const reused = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Two', email: freshEmail() }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const invalid = await env.integration.post('/api/v1/onboardings', { tenantId: 'nope', name: '', email: 'not-an-email', role: 'boss' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['email', 'name', 'role', 'tenantId']);

    const unknownTenant = await env.integration.post('/api/v1/onboardings', { tenantId: '0123456789abcdef01234567', name: 'X', email: freshEmail() });
    expect(unknownTenant.status).toBe(422);
    expect(unknownTenant.body.error).toMatchObject({ code: 'UNKNOWN_TENANT', fields: [{ path: 'tenantId' }] });

    const email = freshEmail('taken');
    const otherTenant = await apiTenant(env.integration, '/api/v1/tenants');
    expect((await env.integration.post('/api/v1/onboardings', { tenantId, name: 'First', email })).status).toBe(201);
    const taken = await env.integration.post('/api/v1/onboardings', { tenantId: otherTenant.id, name: 'Second', email: email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('EMAIL_TAKEN');

    const malformed = await env.integration.call('POST', '/api/v1/onboardings', { rawBody: '{"tenantId":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_BODY');
    const huge = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'x'.repeat(200_000), email: freshEmail() });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const notFound = await env.integration.get('/api/v1/onboardings/0123456789abcdef01234567');
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.code).toBe('USER_NOT_FOUND');
    const badId = await env.integration.get('/api/v1/onboardings/xyz');
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields[0].path).toBe('id');
  });

  it('answers errors in pt-BR when asked, with the same code', async () => {
    const answer = await env.integration.post(
      '/api/v1/onboardings',
      { tenantId: '0123456789abcdef01234567', name: 'X', email: freshEmail() },
      { 'accept-language': 'pt-BR,pt;q=0.9' },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('UNKNOWN_TENANT');
    expect(answer.body.error.message).toBe('tenantId não corresponde a nenhum cliente');
  });

  it('changes the e-mail: the new address gets a new invitation, the old link dies', async () => {
    const email = freshEmail('old');
    const created = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Davi', email });
    const [first] = await waitForMessages(email, 1);
    const oldToken = registrationLink(first!).token;
    await eventually(async () => expect((await env.integration.get(`/api/v1/onboardings/${created.body.id}`)).body.status).toBe('invited'));

    const taken = freshEmail('holder');
    await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Holder', email: taken });
    const conflict = await env.integration.patch(`/api/v1/onboardings/${created.body.id}`, { email: taken });
    expect(conflict.status).toBe(409);
    const unknownField = await env.integration.patch(`/api/v1/onboardings/${created.body.id}`, { status: 'active' });
    expect(unknownField.status).toBe(400);

    const newEmail = freshEmail('new');
    const patched = await env.integration.patch(`/api/v1/onboardings/${created.body.id}`, { email: newEmail });
    expect(patched.status).toBe(200);
    expect(patched.body.email).toBe(newEmail);
    const [invitation] = await waitForMessages(newEmail, 1);
    expect(registrationLink(invitation!).token).not.toBe(oldToken);
    const old = await env.anonymous.get(`/api/public/invitations/${oldToken}`);
    expect(old.status).toBe(410);
    expect(old.body.error.code).toBe('INVITATION_SUPERSEDED');
  });

  it('resends, deactivates and reactivates through the workflow', async () => {
    const email = freshEmail('actions');
    const { body: user } = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Eva', email });
    await waitForMessages(email, 1);
    await eventually(async () => expect((await env.integration.get(`/api/v1/onboardings/${user.id}`)).body.status).toBe('invited'));

    expect((await env.integration.post(`/api/v1/onboardings/${user.id}/resend`)).status).toBe(202);
    await waitForMessages(email, 2);
    const deactivated = await env.integration.post(`/api/v1/onboardings/${user.id}/deactivate`, { reason: 'left the office' });
    expect(deactivated.status).toBe(202);
    await eventually(async () => expect((await env.integration.get(`/api/v1/onboardings/${user.id}`)).body.status).toBe('inactive'));
    expect((await env.integration.post(`/api/v1/onboardings/${user.id}/reactivate`)).status).toBe(202);
    await eventually(async () => expect((await env.integration.get(`/api/v1/onboardings/${user.id}`)).body.status).toBe('invited'));
    await waitForMessages(email, 3);
    const actions = await AuditEventModel.find({ entityId: user.id, 'actor.type': 'integration' }).sort({ at: 1 }).lean();
    expect(actions.map((event) => event.action)).toEqual(['user.created', 'user.resend', 'user.deactivate', 'user.reactivate']);
    expect((await env.integration.post('/api/v1/onboardings/0123456789abcdef01234567/resend')).status).toBe(404);
  });

  it('onboards a batch with a result per item and refuses more than 1,000 items', async () => {
    const good = freshEmail('batch');
    const batch = await env.integration.post('/api/v1/onboardings/batch', {
      items: [
        { tenantId, name: 'Batch One', email: good },
        { tenantId, name: 'Bad', email: 'nope' },
        { tenantId, name: 'Batch One again', email: good },
      ],
    });
    expect(batch.status).toBe(200);
    const [first, second, third] = batch.body.results;
    // Items run concurrently: whichever of the twins comes first creates, the other finds the same user.
    expect([first.status, third.status].sort()).toEqual([200, 201]);
    expect(first).toMatchObject({ index: 0, onboarding: { email: good } });
    expect(second).toMatchObject({ index: 1, status: 400, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'email' }] } });
    expect(third).toMatchObject({ index: 2, onboarding: { id: first.onboarding.id } });
    // A batch does not wait for each lifecycle's first step: the created item says it is starting.
    expect([first, third].find((item) => item.status === 201).onboarding).toMatchObject({ status: 'staged', source: 'starting' });
    await waitForMessages(good, 1);
    await eventually(async () => expect(await workflowRuns(first.onboarding.id)).toBe(1));

    const tooMany = await env.integration.post('/api/v1/onboardings/batch', {
      items: Array.from({ length: 1_001 }, (_, index) => ({ tenantId, name: `N${index}`, email: `n${index}@example.test` })),
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('BATCH_TOO_LARGE');
    expect(await messagesTo('n0@example.test')).toEqual([]);
    const empty = await env.integration.post('/api/v1/onboardings/batch', { items: [] });
    expect(empty.status).toBe(400);
  });

  it('onboards a batch of new users into one tenant at once: each created once, with its own code', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    // The batch creates 8 users at a time, all racing for the tenant's next free code.
    const items = Array.from({ length: 120 }, (_, index) => ({ tenantId: tenant.id, name: `Racer ${index}`, email: freshEmail(`race${index}`) }));
    const batch = await env.integration.post('/api/v1/onboardings/batch', { items });
    expect(batch.status).toBe(200);
    expect(batch.body.results.filter((result: { status: number }) => result.status !== 201)).toEqual([]);
    const users = await UserModel.find({ tenantId: tenant.id }, { code: 1 }).lean();
    expect(users).toHaveLength(items.length);
    expect(new Set(users.map((user) => user.code)).size).toBe(items.length);
  });

  it('creates, lists and reads tenants', async () => {
    const created = await env.integration.post('/api/v1/tenants', { name: 'Contábil Plus', plan: 'plus' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Contábil Plus', plan: 'plus', requiresLoginLink: true });
    expect((await env.integration.get(`/api/v1/tenants/${created.body.id}`)).body).toEqual(created.body);
    const list = await env.integration.get('/api/v1/tenants?limit=500');
    expect(list.body.items.map((tenant: { id: string }) => tenant.id)).toContain(created.body.id);
    expect(list.body.total).toBeGreaterThanOrEqual(2);
    expect((await env.integration.post('/api/v1/tenants', { name: 'X', plan: 'gold' })).status).toBe(400);
    expect((await env.integration.get('/api/v1/tenants?limit=9999')).status).toBe(400);
    expect((await env.integration.get('/api/v1/tenants/0123456789abcdef01234567')).body.error.code).toBe('TENANT_NOT_FOUND');
    const audit = await AuditEventModel.findOne({ entityId: created.body.id, action: 'tenant.created' }).lean();
    expect(audit?.actor?.type).toBe('integration');
  });
});
