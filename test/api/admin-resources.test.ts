import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type RaRecord } from 'ra-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEventModel, CredentialModel, InvitationModel, UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';

const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' });
const env = useTestApi(config);
useTestWorker(config);
let dataProvider: ReturnType<typeof simpleRestProvider>;

beforeAll(async () => {
  // The stock provider, unmodified; only the cookie is added, as the browser would.
  dataProvider = simpleRestProvider(`${env.url}/api/admin`, (url, options = {}) => {
    const headers = new Headers(options.headers ?? { Accept: 'application/json' });
    headers.set('Cookie', env.adminCookie);
    return fetchUtils.fetchJson(url, { ...options, headers });
  });
});

describe('users through ra-data-simple-rest', () => {
  it('creates, lists, filters, sorts, pages, gets many, updates and deletes', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const other = await apiTenant(env.admin, '/api/admin/tenants');
    const names = ['Zélia Prado', 'ana Beatriz', 'Bruno Costa', 'Anderson Reis', 'Carla Dias'];
    // Records as the API returns them (the provider types them loosely).
    const created: RaRecord[] = [];
    for (const name of names) {
      const { data }: { data: RaRecord } = await dataProvider.create('users', {
        data: { tenantId: tenant.id, name, email: freshEmail(`user${created.length}`), sendInvitation: false },
      });
      created.push(data);
    }
    await dataProvider.create('users', { data: { tenantId: other.id, name: 'Ana Outra', email: freshEmail('outra'), sendInvitation: false } });
    expect(created[0]).toMatchObject({ id: expect.any(String), name: 'Zélia Prado', status: 'staged', tenantId: tenant.id });

    const byName = await dataProvider.getList('users', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'name', order: 'ASC' },
      filter: { tenantId: tenant.id },
    });
    expect(byName.total).toBe(5);
    expect(byName.data.map((user) => user.name)).toEqual(['ana Beatriz', 'Anderson Reis', 'Bruno Costa', 'Carla Dias', 'Zélia Prado']);

    const page2 = await dataProvider.getList('users', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'name', order: 'DESC' },
      filter: { tenantId: tenant.id },
    });
    expect(page2.total).toBe(5);
    expect(page2.data.map((user) => user.name)).toEqual(['Bruno Costa', 'Anderson Reis']);

    const search = await dataProvider.getList('users', { pagination: { page: 1, perPage: 25 }, sort: { field: 'name', order: 'ASC' }, filter: { q: 'AN' } });
    expect(search.data.map((user) => user.name)).toEqual(['ana Beatriz', 'Ana Outra', 'Anderson Reis']);
    const byEmail = await dataProvider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'email', order: 'ASC' },
      filter: { q: created[4]!.email.slice(0, 8).toUpperCase() },
    });
    expect(byEmail.data.map((user) => user.id)).toEqual([created[4]!.id]);
    // Any word of the name by its start, not the middle of a word.
    const bySurname = await dataProvider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
      filter: { tenantId: tenant.id, q: 'costa' },
    });
    expect(bySurname.data.map((user) => user.name)).toEqual(['Bruno Costa']);
    const notInfix = await dataProvider.getList('users', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
      filter: { tenantId: tenant.id, q: 'osta' },
    });
    expect(notInfix.total).toBe(0);

    const many = await dataProvider.getMany('users', { ids: [created[1]!.id, created[3]!.id] });
    expect(many.data.map((user) => user.id).sort()).toEqual([created[1]!.id, created[3]!.id].sort());
    const one = await dataProvider.getOne('users', { id: created[2]!.id });
    expect(one.data).toEqual(created[2]);

    const { data: updated } = await dataProvider.update('users', {
      id: created[2]!.id,
      data: { ...created[2], name: 'Bruno Costa Filho', role: 'supervisor' },
      previousData: created[2],
    });
    expect(updated).toMatchObject({ id: created[2]!.id, name: 'Bruno Costa Filho', role: 'supervisor', status: 'staged' });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created[2]!.updatedAt));

    const { data: deleted } = await dataProvider.delete('users', { id: created[0]!.id, previousData: created[0] });
    expect(deleted).toMatchObject({ id: created[0]!.id, name: 'Zélia Prado' });
    await expect(dataProvider.getOne('users', { id: created[0]!.id })).rejects.toMatchObject({ status: 404 });
    const { data: deletedIds } = await dataProvider.deleteMany('users', { ids: [created[1]!.id, created[3]!.id] });
    expect(deletedIds?.sort()).toEqual([created[1]!.id, created[3]!.id].sort());
    expect(
      (await dataProvider.getList('users', { pagination: { page: 1, perPage: 10 }, sort: { field: 'name', order: 'ASC' }, filter: { tenantId: tenant.id } }))
        .total,
    ).toBe(2);

    const audit = await dataProvider.getManyReference('audit', {
      target: 'entityId',
      id: created[0]!.id,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'at', order: 'DESC' },
      filter: {},
    });
    expect(audit.data.map((event) => event.action)).toEqual(['user.deleted', 'user.created']);
    expect(audit.data[0]).toMatchObject({ actor: { type: 'admin', label: config.adminBootstrap!.email }, before: { name: 'Zélia Prado' } });
  });

  it('answers lists with Content-Range exposed, and 400 for bad sort, range or filter', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    for (const label of ['r1', 'r2', 'r3'])
      await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: label, email: freshEmail(label), sendInvitation: false });
    const list = await env.admin.get('/api/admin/users?sort=%5B%22createdAt%22%2C%22DESC%22%5D&range=%5B0%2C1%5D&filter=%7B%7D');
    expect(list.headers.get('content-range')).toMatch(/^users 0-1\/\d+$/);
    // The users list also exposes its bounds: "more than 10,000" and the next page's cursor (users-list-paging.test.ts).
    expect(list.headers.get('access-control-expose-headers')).toBe('Content-Range, X-Total-Exceeds, X-Next-Cursor');
    const empty = await env.admin.get(`/api/admin/users?filter=${encodeURIComponent('{"q":"zzzz-nobody"}')}`);
    expect(empty.headers.get('content-range')).toBe('users */0');
    for (const query of [
      'sort=["password","ASC"]',
      'sort=["constructor","ASC"]',
      'sort=["__proto__","ASC"]',
      'sort=["toString","DESC"]',
      'sort=not-json',
      'range=[-1,5]',
      'range=[0]',
      'filter={"status":"happy"}',
      'filter={"unknown":1}',
      'filter={"id":["x"]}',
    ]) {
      const answer = await env.admin.get(`/api/admin/users?${query.replace(/[[\]{}":,]/g, encodeURIComponent)}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
    // A range asks, Content-Range answers: one ending before its start gets no record, a wider one its first 1,000.
    const backwards = await env.admin.get(`/api/admin/users?range=${encodeURIComponent('[5,1]')}`);
    expect(backwards.status).toBe(200);
    expect(backwards.body).toEqual([]);
    expect(backwards.headers.get('content-range')).toMatch(/^users \*\/\d+$/);
    const wide = await env.admin.get(`/api/admin/users?range=${encodeURIComponent('[0,5000]')}`);
    expect(wide.status).toBe(200);
    expect(wide.headers.get('content-range')).toMatch(/^users 0-\d+\/\d+$/);
  });

  it('refuses bad creates with the field named, and a taken login with 409', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const missing = await env.admin.post('/api/admin/users', { tenantId: tenant.id });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['email', 'name']);
    const email = freshEmail('dup');
    expect((await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'One', email, sendInvitation: false })).status).toBe(201);
    const duplicate = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Two', email: email.toUpperCase(), sendInvitation: false });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
    expect((await env.admin.put('/api/admin/users/0123456789abcdef01234567', { name: 'x' })).status).toBe(404);
  });
});

describe('user lifecycle actions', () => {
  it('keeps a user staged without invitation, then invites on demand and shows the live workflow', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const email = freshEmail('staged');
    const { body: user } = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Sta Ged', email, sendInvitation: false });
    const before = await env.admin.get(`/api/admin/users/${user.id}/lifecycle`);
    expect(before.body).toMatchObject({ live: false, state: null, workflowId: `user-activation-${user.id}` });
    expect(before.body.temporalUiUrl).toBe(`${config.temporalUiUrl}/namespaces/default/workflows/user-activation-${user.id}`);
    expect((await env.admin.post(`/api/admin/users/${user.id}/reactivate`)).body.error.code).toBe('NO_LIFECYCLE');

    expect((await env.admin.post(`/api/admin/users/${user.id}/invite`)).status).toBe(202);
    await waitForMessages(email, 1);
    // The status is invited as the invitation goes out; the e-mail counts once its activity is recorded,
    // a moment after the receiver has the message.
    await eventually(async () => {
      const answer = await env.admin.get(`/api/admin/users/${user.id}/lifecycle`);
      expect(answer.body).toMatchObject({ live: true, state: { status: 'invited', invitationsSent: 1, emailsSent: 1 } });
    });
  });

  it('resend on a staged user starts the lifecycle; deactivate and reactivate go through the workflow', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const email = freshEmail('resend');
    const { body: user } = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Re Send', email, sendInvitation: false });
    expect((await env.admin.post(`/api/admin/users/${user.id}/resend`)).status).toBe(202);
    await waitForMessages(email, 1);
    await eventually(async () => expect((await env.admin.get(`/api/admin/users/${user.id}`)).body.status).toBe('invited'));
    expect((await env.admin.post(`/api/admin/users/${user.id}/deactivate`, { reason: 'on leave' })).status).toBe(202);
    await eventually(async () => expect((await env.admin.get(`/api/admin/users/${user.id}`)).body.status).toBe('inactive'));
    expect((await env.admin.post(`/api/admin/users/${user.id}/reactivate`)).status).toBe(202);
    await eventually(async () => expect((await env.admin.get(`/api/admin/users/${user.id}`)).body.status).toBe('invited'));
    await waitForMessages(email, 2);
  });

  it('changing the e-mail in the edit form sends a new invitation to the new address', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const email = freshEmail('edit');
    const { body: user } = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Ed It', email });
    await waitForMessages(email, 1);
    await eventually(async () => expect((await env.admin.get(`/api/admin/users/${user.id}`)).body.status).toBe('invited'));
    const record = (await env.admin.get(`/api/admin/users/${user.id}`)).body;
    const newEmail = freshEmail('edited');
    const updated = await env.admin.put(`/api/admin/users/${user.id}`, { ...record, email: newEmail.toUpperCase() });
    expect(updated.status).toBe(200);
    expect(updated.body.email).toBe(newEmail);
    await waitForMessages(newEmail, 1);
    const events = await AuditEventModel.find({ entityId: user.id, action: 'user.emailChanged' }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { email }, after: { email: newEmail } });
  });

  it('deleting a user ends its workflow and removes its password and invitations; the audit keeps the fact', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const email = freshEmail('delete');
    const { body: user } = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'De Lete', email });
    const [invitation] = await waitForMessages(email, 1);
    const { token } = registrationLink(invitation!);
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${token}`)).status).toBe(200));
    await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password: 'delete me 123', passwordConfirmation: 'delete me 123' });
    expect(await CredentialModel.countDocuments({ _id: user.id })).toBe(1);

    const deleted = await env.admin.delete(`/api/admin/users/${user.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: user.id, email });
    expect(await UserModel.countDocuments({ _id: user.id })).toBe(0);
    expect(await CredentialModel.countDocuments({ _id: user.id })).toBe(0);
    expect(await InvitationModel.countDocuments({ userId: user.id })).toBe(0);
    const description = await env.api.temporal.workflow.getHandle(`user-activation-${user.id}`).describe();
    expect(description.status.name).toBe('TERMINATED');
    expect(await AuditEventModel.countDocuments({ entityId: user.id, action: 'user.deleted', 'actor.type': 'admin' })).toBe(1);
    expect((await env.anonymous.post('/api/public/login', { email, password: 'delete me 123' })).status).toBe(401);
    expect((await env.admin.delete(`/api/admin/users/${user.id}`)).status).toBe(404);
  });
});

describe('tenants, logs and dashboard', () => {
  it('tenants CRUD through the provider; a tenant with users is not deleted', async () => {
    const { data: tenant } = await dataProvider.create('tenants', { data: { name: 'Escritório Alfa', plan: 'premium' } });
    expect(tenant).toMatchObject({ name: 'Escritório Alfa', plan: 'premium', requiresLoginLink: true });
    const { data: updated } = await dataProvider.update('tenants', {
      id: tenant.id,
      data: { ...tenant, plan: 'essential', requiresLoginLink: false },
      previousData: tenant,
    });
    expect(updated).toMatchObject({ plan: 'essential', requiresLoginLink: false });
    const found = await dataProvider.getList('tenants', {
      pagination: { page: 1, perPage: 5 },
      sort: { field: 'name', order: 'ASC' },
      filter: { q: 'escritório al' },
    });
    expect(found.data.map((row) => row.id)).toEqual([tenant.id]);
    await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Member', email: freshEmail('member'), sendInvitation: false });
    const refused = await env.admin.delete(`/api/admin/tenants/${tenant.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TENANT_HAS_USERS');
    const { data: empty } = await dataProvider.create('tenants', { data: { name: 'To Delete' } });
    expect((await dataProvider.delete('tenants', { id: empty.id, previousData: empty })).data).toMatchObject({ id: empty.id, name: 'To Delete' });
  });

  it('reads invitations (without token hashes), e-mails and the dashboard', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const email = freshEmail('logs');
    const { body: user } = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Lo Gs', email });
    await waitForMessages(email, 1);
    const invitations = await eventually(async () => {
      const list = await dataProvider.getManyReference('invitations', {
        target: 'userId',
        id: user.id,
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'createdAt', order: 'DESC' },
        filter: {},
      });
      expect(list.total).toBe(1);
      return list.data;
    });
    expect(invitations[0]).toMatchObject({ userId: user.id, email, state: 'open' });
    expect(JSON.stringify(invitations)).not.toMatch(/tokenHash/);
    expect((await dataProvider.getOne('invitations', { id: invitations[0]!.id })).data).toEqual(invitations[0]);

    const emails = await eventually(async () => {
      const list = await dataProvider.getList('emails', {
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'createdAt', order: 'DESC' },
        filter: { to: email },
      });
      expect(list.data[0]?.status).toBe('sent');
      return list.data;
    });
    expect(emails[0]).toMatchObject({ template: 'invitation', userId: user.id });

    // Invited 300 days ago: the dashboard lists the 50 longest stuck of the platform, and other files
    // seed thousands invited days ago (test/harness/bench-data.ts), so a recent date could rank past them.
    await UserModel.updateOne(
      { _id: user.id },
      { $set: { invitedAt: new Date(Date.now() - 300 * 86_400_000), remindersSent: 2, lastEmailError: 'mailbox full' } },
    );
    const dashboard = await env.admin.get('/api/admin/dashboard?stuckDays=299');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.counts.invited).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.stuck.users).toContainEqual(expect.objectContaining({ id: user.id, remindersSent: 2, lastEmailError: 'mailbox full' }));
    expect(dashboard.body.recentEmails.map((row: { to: string }) => row.to)).toContain(email);
    expect(dashboard.body.worker).toMatchObject({ ok: true });
    const lenient = await env.admin.get('/api/admin/dashboard?stuckDays=301');
    expect(lenient.body.stuck.users.map((row: { id: string }) => row.id)).not.toContain(user.id);
    expect((await env.admin.get('/api/admin/dashboard?stuckDays=-1')).status).toBe(400);
  });
});

describe('the audit trail for viewers', () => {
  it('keeps who did what to credentials and endpoints, but not their contents', async () => {
    const key = await env.admin.post('/api/admin/api-keys', { name: `erp-${freshEmail('k')}` });
    const hook = await env.admin.post('/api/admin/webhooks', { url: 'https://crm.example.test/hooks?token=receiver-secret' });
    const viewer = await consoleAccount(env, 'viewer');
    const trail = async (client: typeof env.admin, entityId: string) =>
      (await client.get(`/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ entityId }))}`)).body as { action: string; after: unknown }[];
    for (const [entityId, action] of [
      [key.body.id, 'apiKey.created'],
      [hook.body.id, 'webhook.created'],
      [viewer.id, 'admin.created'],
    ] as const) {
      const asAdmin = (await trail(env.admin, entityId)).find((event) => event.action === action);
      const asViewer = (await trail(viewer.client, entityId)).find((event) => event.action === action);
      expect(asAdmin!.after).not.toBeNull();
      expect(asViewer!.after).toBeNull();
      const one = await viewer.client.get(`/api/admin/audit/${(asViewer as unknown as { id: string }).id}`);
      expect(one.body.after).toBeNull();
    }
    expect(JSON.stringify(await trail(viewer.client, hook.body.id))).not.toContain('receiver-secret');
  });
});
