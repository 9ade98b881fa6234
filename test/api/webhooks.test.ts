import { randomUUID } from 'node:crypto';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEndpoint } from '../../use-cases/webhooks/create-endpoint.js';
import { AuditEventModel, WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import { workflowIdForDelivery } from '../../domain/webhook-delivery.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../harness/webhook-receiver.js';

// Retries within a second or two (a receiver outage), given up after 5 s; reminders out of the way.
const config = testConfig({
  REMINDER_SCHEDULE: '5m',
  INVITE_TTL: '10m',
  WEBHOOK_RETRY_INITIAL: '200ms',
  WEBHOOK_RETRY_MAX_INTERVAL: '1s',
  WEBHOOK_RETRY_FOR: '5s',
  PUBLIC_RATE_LIMIT: '1000',
});
const env = useTestApi(config);
useTestWorker(config);
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const password = 'correct horse 42';

/** Registers an endpoint over /api/v1 for a fresh receiver path; answers the endpoint with its secret. */
async function endpoint(path: string, fields: { events?: string[]; tenantId?: string | null } = {}, answer?: Parameters<WebhookReceiver['url']>[1]) {
  const created = await env.integration.post('/api/v1/webhooks', { url: receiver.url(path, answer), ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; secret: string; url: string };
}

/** What a receiver does: verify with the reference library (throws on a bad signature), then read. */
function verified(secret: string, request: ReceivedWebhook) {
  const payload = new Webhook(secret).verify(request.body, {
    'webhook-id': request.id,
    'webhook-timestamp': request.timestamp,
    'webhook-signature': request.signature,
  });
  return { id: request.id, ...(payload as { type: string; timestamp: string; data: Record<string, unknown> }) };
}

async function onboardAndRegister(tenantId: string) {
  const email = freshEmail('hook');
  const onboarded = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Hanna Hook', email, externalId: `crm-${randomUUID().slice(0, 6)}` });
  const [invitation] = await waitForMessages(email, 1);
  const accepted = await env.anonymous.post(`/api/public/invitations/${registrationLink(invitation!).token}/accept`, {
    password,
    passwordConfirmation: password,
  });
  expect(accepted.status).toBe(200);
  return { userId: onboarded.body.id as string, email };
}

describe('webhook endpoints over /api/v1', () => {
  it('registers an endpoint and answers its whsec_ secret once; the secret is stored sealed and never read back', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const created = await env.integration.post('/api/v1/webhooks', {
      url: 'http://crm.example.test/hooks',
      events: ['user.activated', 'user.activated'],
      tenantId: tenant.id,
      description: 'CRM',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      url: 'http://crm.example.test/hooks',
      events: ['user.activated'],
      tenantId: tenant.id,
      description: 'CRM',
      enabled: true,
      createdBy: 'test integration',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { secret, ...view } = created.body;

    const read = await env.integration.get(`/api/v1/webhooks/${view.id}`);
    expect(read.body).toEqual(view);
    const listed = await env.integration.get(`/api/v1/webhooks?tenantId=${tenant.id}`);
    expect(listed.body).toEqual({ items: [view], total: 1 });
    const stored = await WebhookEndpointModel.findById(view.id).select('+sealedSecret').lean();
    expect(stored?.sealedSecret).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
    const audit = await AuditEventModel.find({ entityId: view.id }).lean();
    expect(audit.map((event) => event.action)).toEqual(['webhook.created']);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it('changes, disables and deletes an endpoint', async () => {
    const { id } = await endpoint('/crud');
    const changed = await env.integration.patch(`/api/v1/webhooks/${id}`, { events: ['user.invited'], enabled: false, description: 'paused' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ events: ['user.invited'], enabled: false, description: 'paused', disabledReason: 'disabled by test integration' });
    expect(changed.body.disabledAt).not.toBeNull();
    const enabled = await env.integration.patch(`/api/v1/webhooks/${id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    const typo = await env.integration.patch(`/api/v1/webhooks/${id}`, { enable: true });
    expect(typo.status).toBe(400);

    const deleted = await env.integration.delete(`/api/v1/webhooks/${id}`);
    expect(deleted.status).toBe(200);
    expect((await env.integration.get(`/api/v1/webhooks/${id}`)).body.error.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await env.integration.delete(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await AuditEventModel.find({ entityId: id }).sort({ at: 1, _id: 1 }).lean()).map((event) => event.action)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.updated',
      'webhook.deleted',
    ]);
  });

  it('refuses credentials in the URL, other schemes, unknown events and tenants; http only outside production', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const answer = await env.integration.post('/api/v1/webhooks', body);
      return [answer.status, answer.body.error.code, answer.body.error.fields.map((field: { path: string }) => field.path)];
    };
    expect(await refused({ url: 'https://user:pass@crm.example.test/hooks' })).toEqual([400, 'VALIDATION_FAILED', ['url']]);
    expect(await refused({ url: 'ftp://crm.example.test/hooks' })).toEqual([400, 'VALIDATION_FAILED', ['url']]);
    expect(await refused({ url: 'https://crm.example.test', events: ['user.renamed'] })).toEqual([400, 'VALIDATION_FAILED', ['events.0']]);
    expect(await refused({ url: 'https://crm.example.test', tenantId: '0123456789abcdef01234567' })).toEqual([422, 'UNKNOWN_TENANT', ['tenantId']]);

    const actor = { type: 'system' as const, id: 'test', label: 'test' };
    // Production's rules, with a resolver that answers a public address for the receiver's name.
    const production = {
      tokenSecret: config.TOKEN_SECRET,
      requireHttps: true,
      allowPrivate: false,
      maxEndpoints: 20,
      resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    };
    await expect(createEndpoint(production, PLATFORM_SCOPE, { url: 'http://crm.example.test/hooks' }, actor)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'url', message: 'must be an https URL in production' }],
    });
    const https = await createEndpoint(production, PLATFORM_SCOPE, { url: 'https://crm.example.test/hooks' }, actor);
    expect(https.url).toBe('https://crm.example.test/hooks');
    // A global endpoint would hear every later test's events.
    await env.integration.delete(`/api/v1/webhooks/${https.id}`);
  });
});

describe('OpenAPI', () => {
  it('documents the routes and every event under `webhooks`, with the Standard Webhooks headers', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks',
        '/api/v1/webhooks/{id}',
        '/api/v1/webhooks/{id}/deliveries',
        '/api/v1/webhook-deliveries/{id}/resend',
        '/api/admin/webhooks',
        '/api/admin/webhook-deliveries/{id}/resend',
      ]),
    );
    expect(Object.keys(body.webhooks)).toHaveLength(12);
    const invited = body.webhooks['user.invited'].post;
    expect(invited.parameters.map((parameter: { name: string; in: string }) => `${parameter.in} ${parameter.name}`)).toEqual([
      'header webhook-id',
      'header webhook-timestamp',
      'header webhook-signature',
    ]);
    expect(invited.requestBody.content['application/json'].schema.properties.type).toMatchObject({ enum: ['user.invited'] });
    expect(body.components.schemas.NewWebhookEndpointAnswer.properties.secret).toBeDefined();
  });
});

describe('lifecycle events', () => {
  it('a user onboarded and registered is announced as invited, registered and activated, signed, once per webhook-id', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const other = await apiTenant(env.integration, '/api/v1/tenants');
    const path = `/lifecycle-${randomUUID().slice(0, 6)}`;
    const mine = await endpoint(path, { tenantId: tenant.id });
    const onlyActivated = await endpoint(`${path}-activated`, { tenantId: tenant.id, events: ['user.activated'] });
    await endpoint(`${path}-other-tenant`, { tenantId: other.id });

    const { userId, email } = await onboardAndRegister(tenant.id);
    const events = await eventually(
      () => {
        const received = receiver.at(path).map((request) => verified(mine.secret, request));
        expect(received.map((event) => event.type)).toEqual(['user.invited', 'user.registered', 'user.activated']);
        return received;
      },
      { timeoutMs: 30_000 },
    );
    for (const event of events) {
      expect(event.data).toMatchObject({ userId, tenantId: tenant.id, email, name: 'Hanna Hook' });
      expect(event.id).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
      expect(Date.parse(event.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(events.map((event) => event.data.status)).toEqual(['invited', 'registered', 'active']);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    // Nothing a receiver could abuse: no token, no invitation id, no secret.
    expect(JSON.stringify(events)).not.toMatch(/token|invitation|whsec_/i);

    await eventually(() => expect(receiver.at(`${path}-activated`).map((request) => verified(onlyActivated.secret, request).type)).toEqual(['user.activated']));
    expect(receiver.at(`${path}-other-tenant`)).toEqual([]);

    const deliveries = await env.integration.get(`/api/v1/webhooks/${mine.id}/deliveries`);
    expect(deliveries.body.total).toBe(3);
    for (const delivery of deliveries.body.items)
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, nextAttemptAt: null, lastError: null });
    expect(deliveries.body.items.map((delivery: { id: string }) => delivery.id).sort()).toEqual(events.map((event) => event.id).sort());

    // The delivery workflow's history holds the delivery id, never the secret nor the body.
    const history = historyToJSON(await env.api.temporal.workflow.getHandle(workflowIdForDelivery(events[0]!.id)).fetchHistory());
    const decoded = `${history}\n${[...history.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)].map((match) => Buffer.from(match[1]!, 'base64').toString('utf8')).join('\n')}`;
    expect(decoded).toContain(events[0]!.id);
    expect(decoded).not.toContain(mine.secret.slice(6));
    expect(decoded).not.toContain(email);
  });

  it('a global endpoint hears every tenant; deletion and deactivation are announced too', async () => {
    const path = `/global-${randomUUID().slice(0, 6)}`;
    const global = await endpoint(path, { events: ['user.deactivated', 'user.deleted'] });
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const email = freshEmail('gone');
    const onboarded = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Dora Deleted', email });
    await waitForMessages(email, 1);
    expect((await env.integration.post(`/api/v1/onboardings/${onboarded.body.id}/deactivate`, { reason: 'left' })).status).toBe(202);
    await eventually(() => expect(receiver.at(path)).toHaveLength(1));
    expect((await env.admin.delete(`/api/admin/users/${onboarded.body.id}`)).status).toBe(200);
    const events = await eventually(() => {
      const received = receiver.at(path).map((request) => verified(global.secret, request));
      expect(received.map((event) => event.type)).toEqual(['user.deactivated', 'user.deleted']);
      return received;
    });
    expect(events[0]!.data).toMatchObject({ userId: onboarded.body.id, status: 'inactive', reason: 'left' });
    expect(events[1]!.data).toMatchObject({ userId: onboarded.body.id, tenantId: tenant.id, email, name: 'Dora Deleted', status: 'inactive' });
    await env.integration.delete(`/api/v1/webhooks/${global.id}`);
  });

  it('announces an address the mail server refuses for good', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const path = `/bounce-${randomUUID().slice(0, 6)}`;
    const hook = await endpoint(path, { tenantId: tenant.id, events: ['user.email_failed'] });
    // The test SMTP receiver refuses addresses starting with "bounce" with a permanent 550.
    const onboarded = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Bo Bounce', email: freshEmail('bounce') });
    const [event] = await eventually(() => {
      const received = receiver.at(path).map((request) => verified(hook.secret, request));
      expect(received).toHaveLength(1);
      return received;
    });
    expect(event).toMatchObject({ type: 'user.email_failed', data: { userId: onboarded.body.id, status: 'invited', error: expect.stringMatching(/550/) } });
  });

  it('announces a migration when it starts and when it completes', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const path = `/migration-${randomUUID().slice(0, 6)}`;
    const hook = await endpoint(path, { tenantId: tenant.id, events: ['migration.started', 'migration.completed'] });
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const csv = ['code,name,legacyUsername,email,role', `1,Ana Chefe,ana,ana@${domain},supervisor`, `2,Caio,caio,caio@${domain},member`].join('\n');
    const imported = await env.integration.call('POST', `/api/v1/tenants/${tenant.id}/users/import`, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    const supervisor = (imported.body.rows as { code: number; id: string }[]).find((row) => row.code === 1)!;
    const started = await env.integration.post(`/api/v1/tenants/${tenant.id}/migrations`, { actingUserId: supervisor.id });
    expect(started.status).toBe(202);
    const events = await eventually(() => {
      const received = receiver.at(path).map((request) => verified(hook.secret, request));
      expect(received.map((event) => event.type).sort()).toEqual(['migration.completed', 'migration.started']);
      return received;
    });
    const byType = Object.fromEntries(events.map((event) => [event.type, event.data]));
    expect(byType['migration.started']).toMatchObject({
      migrationId: started.body.migrationId,
      tenantId: tenant.id,
      status: 'running',
      users: 2,
      actingUserId: supervisor.id,
    });
    expect(byType['migration.completed']).toMatchObject({
      migrationId: started.body.migrationId,
      tenantId: tenant.id,
      status: 'completed',
      total: 2,
      started: 2,
      failed: 0,
    });
  });
});

describe('delivery', () => {
  /** A tenant with one endpoint answering as told, and one user onboarded into it: its invitation is the event. */
  async function inviteWith(answer: Parameters<WebhookReceiver['url']>[1]) {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const path = `/delivery-${randomUUID().slice(0, 6)}`;
    const hook = await endpoint(path, { tenantId: tenant.id, events: ['user.invited'] }, answer);
    await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Otto Outage', email: freshEmail('outage') });
    return { path, hook, tenant };
  }

  it('a receiver outage (503, 503, 503, then 200) ends delivered, every attempt with the same id and a valid signature', async () => {
    const { path, hook } = await inviteWith((call) => (call <= 3 ? 503 : 200));
    const delivery = await eventually(async () => {
      const [found] = (await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items;
      expect(found).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
      return found;
    });
    expect(delivery.attempts).toBe(4);
    const attempts = receiver.at(path);
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(attempts.map((attempt) => attempt.id))).toEqual(new Set([delivery.id]));
    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    for (const attempt of attempts) expect(verified(hook.secret, attempt).type).toBe('user.invited');
  });

  it('records a pending delivery between attempts: attempts, last answer and the next attempt', async () => {
    const { hook } = await inviteWith((call) => (call <= 2 ? { status: 500, delayMs: 0 } : 200));
    const pending = await eventually(async () => {
      const [found] = (await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries?status=pending`)).body.items;
      expect(found).toMatchObject({ status: 'pending', lastStatusCode: 500, lastError: 'HTTP 500: answered 500' });
      return found;
    });
    expect(pending.attempts).toBeGreaterThanOrEqual(1);
    expect(Date.parse(pending.nextAttemptAt)).toBeGreaterThanOrEqual(Date.parse(pending.lastAttemptAt));
    await eventually(async () => expect((await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items[0].status).toBe('delivered'));
  });

  it('a 410 disables the endpoint and fails the delivery without retrying; later events are not sent to it', async () => {
    const { path, hook, tenant } = await inviteWith(() => 410);
    await eventually(async () =>
      expect((await env.integration.get(`/api/v1/webhooks/${hook.id}`)).body).toMatchObject({
        enabled: false,
        disabledReason: 'the receiver answered 410 Gone',
      }),
    );
    const [delivery] = (await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Later', email: freshEmail('later') });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.at(path)).toHaveLength(1);
    expect(await WebhookDeliveryModel.countDocuments({ endpointId: hook.id })).toBe(1);
    const resend = await env.integration.post(`/api/v1/webhook-deliveries/${delivery.id}/resend`);
    expect(resend.status).toBe(409);
    expect(resend.body.error.code).toBe('WEBHOOK_DISABLED');
  });

  it('gives up after WEBHOOK_RETRY_FOR and marks the delivery failed; a resend is a new attempt of the same delivery', async () => {
    let down = true;
    const { path, hook } = await inviteWith(() => (down ? 502 : 204));
    const failed = await eventually(
      async () => {
        const [found] = (await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items;
        expect(found).toMatchObject({ status: 'failed', lastStatusCode: 502, nextAttemptAt: null });
        return found;
      },
      { timeoutMs: 20_000 },
    );
    expect(failed.attempts).toBeGreaterThan(2);
    expect(failed.lastError).toMatch(/^HTTP 502: answered 502 \(gave up after \d+ attempts\)$/);

    down = false;
    const resend = await env.integration.post(`/api/v1/webhook-deliveries/${failed.id}/resend`);
    expect(resend.status).toBe(202);
    expect(resend.body).toMatchObject({ id: failed.id, status: 'pending' });
    await eventually(async () =>
      expect((await env.integration.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items[0]).toMatchObject({ status: 'delivered', lastStatusCode: 204 }),
    );
    const attempts = receiver.at(path);
    expect(new Set(attempts.map((attempt) => attempt.id))).toEqual(new Set([failed.id]));
    expect(attempts.at(-1)!.status).toBe(204);
    expect((await AuditEventModel.find({ entityId: failed.id }).lean()).map((event) => event.action)).toEqual(['webhookDelivery.resent']);
    expect((await env.integration.post('/api/v1/webhook-deliveries/msg_unknown/resend')).body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
  });
});

describe('webhooks in the admin API (ra-data-simple-rest)', () => {
  it('lists, creates (secret once), updates with PUT, shows the delivery log and resends', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const path = `/admin-${randomUUID().slice(0, 6)}`;
    const created = await env.admin.post('/api/admin/webhooks', { url: receiver.url(path), tenantId: tenant.id, events: ['user.invited'] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.createdBy).toBe(config.adminBootstrap!.email);
    const listed = await env.admin.get(
      `/api/admin/webhooks?filter=${encodeURIComponent(JSON.stringify({ tenantId: tenant.id }))}&range=[0,9]&sort=["createdAt","DESC"]`,
    );
    expect(listed.headers.get('content-range')).toBe('webhooks 0-0/1');
    expect(listed.body).toEqual([(({ secret: _secret, ...view }) => view)(created.body)]);

    const updated = await env.admin.put(`/api/admin/webhooks/${created.body.id}`, {
      ...listed.body[0],
      description: 'Help desk',
      events: ['user.invited', 'user.activated'],
    });
    expect(updated.body).toMatchObject({ description: 'Help desk', events: ['user.invited', 'user.activated'] });

    await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Ada Admin', email: freshEmail('ada'), sendInvitation: true });
    const log = await eventually(async () => {
      const answer = await env.admin.get(
        `/api/admin/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify({ endpointId: created.body.id }))}&range=[0,24]&sort=["createdAt","DESC"]`,
      );
      expect(answer.body).toHaveLength(1);
      expect(answer.body[0]).toMatchObject({ status: 'delivered', eventType: 'user.invited', endpointId: created.body.id });
      expect(answer.headers.get('content-range')).toBe('webhook-deliveries 0-0/1');
      return answer.body;
    });
    expect((await env.admin.get(`/api/admin/webhook-deliveries/${log[0].id}`)).body).toEqual(log[0]);
    expect((await env.admin.post(`/api/admin/webhook-deliveries/${log[0].id}/resend`)).status).toBe(202);
    await eventually(() => expect(receiver.at(path)).toHaveLength(2));
    expect(new Set(receiver.at(path).map((request) => request.id))).toEqual(new Set([log[0].id]));

    expect((await env.admin.delete(`/api/admin/webhooks/${created.body.id}`)).status).toBe(200);
    expect(await WebhookDeliveryModel.countDocuments({ endpointId: created.body.id })).toBe(0);
  });

  it("keeps endpoints from viewers, and global or other tenants' endpoints from tenant accounts", async () => {
    const viewer = await consoleAccount(env, 'viewer');
    expect((await viewer.client.get('/api/admin/webhooks')).status).toBe(403);
    expect((await viewer.client.get('/api/admin/webhook-deliveries')).status).toBe(403);
    expect((await viewer.client.post('/api/admin/webhooks', { url: 'https://crm.example.test' })).status).toBe(403);

    const tenantAdmin = await consoleAccount(env, 'tenant admin');
    const me = (await tenantAdmin.client.get('/api/admin/auth/me')).body as { tenantId: string };
    const global = await tenantAdmin.client.post('/api/admin/webhooks', { url: 'https://crm.example.test' });
    expect([global.status, global.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const other = await apiTenant(env.admin, '/api/admin/tenants');
    const elsewhere = await tenantAdmin.client.post('/api/admin/webhooks', { url: 'https://crm.example.test', tenantId: other.id });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'OTHER_TENANT']);
    const own = await tenantAdmin.client.post('/api/admin/webhooks', { url: 'https://crm.example.test', tenantId: me.tenantId });
    expect(own.status).toBe(201);
    // A global endpoint is the platform's: for an office's account it does not exist.
    const platformOne = await env.admin.post('/api/admin/webhooks', { url: 'https://crm.example.test' });
    expect((await tenantAdmin.client.put(`/api/admin/webhooks/${platformOne.body.id}`, { enabled: false })).status).toBe(404);
    expect((await tenantAdmin.client.delete(`/api/admin/webhooks/${platformOne.body.id}`)).status).toBe(404);
    expect((await tenantAdmin.client.get('/api/admin/webhooks')).body.map((endpoint: { id: string }) => endpoint.id)).toEqual([own.body.id]);
    expect((await tenantAdmin.client.delete(`/api/admin/webhooks/${own.body.id}`)).status).toBe(200);
    await env.admin.delete(`/api/admin/webhooks/${platformOne.body.id}`);
  });
});
