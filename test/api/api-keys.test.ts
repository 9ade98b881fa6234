import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyModel, AuditEventModel } from '../../data/models/index.js';
import { apiClient, useTestApi } from '../harness/api-client.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
const env = useTestApi(config);
let me: { id: string; email: string };

beforeAll(async () => {
  me = (await env.admin.get('/api/admin/auth/me')).body;
});

const listQuery = `?sort=${encodeURIComponent('["createdAt","DESC"]')}&range=${encodeURIComponent('[0,99]')}`;

async function newKey(name: string) {
  const created = await env.admin.post('/api/admin/api-keys', { name });
  expect(created.status).toBe(201);
  return created.body as { id: string; key: string; prefix: string; name: string };
}

describe('API keys in the admin API', () => {
  it('answers the key once, stores only its hash, and never shows either again', async () => {
    const created = await env.admin.post('/api/admin/api-keys', { name: '  ERP  ' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const key: string = created.body.key;
    expect(key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'ERP',
      prefix: key.slice(0, 10),
      createdBy: { type: 'admin', id: me.id, email: me.email },
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(created.body).not.toHaveProperty('keyHash');

    const hash = createHash('sha256').update(key).digest('hex');
    const stored = await ApiKeyModel.findById(created.body.id).lean();
    expect(stored?.keyHash).toBe(hash);
    expect(JSON.stringify(stored)).not.toContain(key);

    const list = await env.admin.get(`/api/admin/api-keys${listQuery}`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(/^api-keys 0-\d+\/\d+$/);
    const one = await env.admin.get(`/api/admin/api-keys/${created.body.id}`);
    const many = await env.admin.get(`/api/admin/api-keys?filter=${encodeURIComponent(JSON.stringify({ id: [created.body.id] }))}`);
    for (const answer of [list, one, many]) {
      expect(JSON.stringify(answer.body)).not.toContain(key);
      expect(JSON.stringify(answer.body)).not.toContain(hash);
    }
    expect(one.body).toEqual({ ...created.body, key: undefined, id: created.body.id });
    expect(many.body.map((record: { id: string }) => record.id)).toEqual([created.body.id]);
    // The harness's key was made as the CLI makes them.
    expect(list.body.find((record: { name: string }) => record.name === 'test integration')).toMatchObject({
      createdBy: { type: 'cli', id: null, email: null },
    });

    const audit = await AuditEventModel.findOne({ entityId: created.body.id, action: 'apiKey.created' }).lean();
    expect(audit).toMatchObject({
      actor: { type: 'admin', id: me.id, label: me.email },
      entityType: 'apiKey',
      after: { name: 'ERP', prefix: key.slice(0, 10) },
    });
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(JSON.stringify(audit)).not.toContain(hash);
  });

  it('works on /api/v1 and records when it was last used, at most one write a minute', async () => {
    const created = await newKey('crm');
    const integration = apiClient(env.url, { headers: { authorization: `Bearer ${created.key}` } });
    expect((await integration.get('/api/v1/tenants')).status).toBe(200);
    const first = (await env.admin.get(`/api/admin/api-keys/${created.id}`)).body.lastUsedAt;
    expect(first).not.toBeNull();
    expect(Date.now() - Date.parse(first)).toBeLessThan(10_000);
    await Promise.all([integration.get('/api/v1/tenants'), integration.get('/api/v1/tenants')]);
    expect((await env.admin.get(`/api/admin/api-keys/${created.id}`)).body.lastUsedAt).toBe(first);

    // A minute later (moved back in the database rather than waited for), the next call writes again.
    const minuteAgo = new Date(Date.now() - 61_000);
    await ApiKeyModel.updateOne({ _id: created.id }, { $set: { lastUsedAt: minuteAgo } });
    expect((await integration.get('/api/v1/tenants')).status).toBe(200);
    expect(Date.parse((await env.admin.get(`/api/admin/api-keys/${created.id}`)).body.lastUsedAt)).toBeGreaterThan(minuteAgo.getTime() + 30_000);
  });

  it('revokes: the very next call is refused, the record stays, and the revocation is audited once', async () => {
    const created = await newKey('billing');
    const integration = apiClient(env.url, { headers: { authorization: `Bearer ${created.key}` } });
    expect((await integration.get('/api/v1/tenants')).status).toBe(200);

    const revoked = await env.admin.post(`/api/admin/api-keys/${created.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.id, name: 'billing', revokedAt: expect.any(String) });
    const refused = await integration.get('/api/v1/tenants');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');

    const again = await env.admin.post(`/api/admin/api-keys/${created.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const events = await AuditEventModel.find({ entityId: created.id, action: 'apiKey.revoked' }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { type: 'admin', id: me.id }, before: { revokedAt: null }, after: { revokedAt: revoked.body.revokedAt } });

    const active = await env.admin.get(`/api/admin/api-keys?filter=${encodeURIComponent('{"revoked":false}')}`);
    expect(active.body.map((record: { id: string }) => record.id)).not.toContain(created.id);
    const revokedOnly = await env.admin.get(`/api/admin/api-keys?filter=${encodeURIComponent('{"revoked":true}')}`);
    expect(revokedOnly.body.map((record: { id: string }) => record.id)).toContain(created.id);
    expect((await env.admin.post('/api/admin/api-keys/0123456789abcdef01234567/revoke')).status).toBe(404);
  });

  it('refuses a nameless key', async () => {
    const answer = await env.admin.post('/api/admin/api-keys', { name: '  ' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['name']);
  });

  it('shows keys to the admin role only, and lets no tenant-linked account make or revoke one', async () => {
    const target = await newKey('target');
    const viewer = await consoleAccount(env, 'viewer');
    for (const answer of [
      await viewer.client.get('/api/admin/api-keys'),
      await viewer.client.get(`/api/admin/api-keys/${target.id}`),
      await viewer.client.post('/api/admin/api-keys', { name: 'viewer key' }),
      await viewer.client.post(`/api/admin/api-keys/${target.id}/revoke`),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }

    // An office's account holds its own office's keys only: it sees no platform key, makes none, revokes none.
    const tenantAdmin = await consoleAccount(env, 'tenant admin');
    const office = (await tenantAdmin.client.get('/api/admin/auth/me')).body.tenantId as string;
    const platformOnes = await env.admin.get('/api/admin/api-keys');
    expect(platformOnes.body.some((key: { id: string }) => key.id === target.id)).toBe(true);
    expect((await tenantAdmin.client.get('/api/admin/api-keys')).body).toEqual([]);
    const other = await env.admin.post('/api/admin/tenants', { name: 'Other office', plan: 'essential' });
    const escape = await tenantAdmin.client.post('/api/admin/api-keys', { name: 'escape', tenantId: null });
    expect([escape.status, escape.body.error?.code]).toEqual([201, undefined]);
    expect(escape.body.tenantId).toBe(office);
    const elsewhere = await tenantAdmin.client.post('/api/admin/api-keys', { name: 'elsewhere', tenantId: other.body.id });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'OTHER_TENANT']);
    for (const answer of [
      await tenantAdmin.client.get(`/api/admin/api-keys/${target.id}`),
      await tenantAdmin.client.post(`/api/admin/api-keys/${target.id}/revoke`),
    ]) {
      expect([answer.status, answer.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await ApiKeyModel.countDocuments({ name: { $in: ['escape', 'elsewhere'] }, tenantId: null })).toBe(0);
    expect(await ApiKeyModel.countDocuments({ name: 'elsewhere' })).toBe(0);
    expect((await tenantAdmin.client.get('/api/admin/api-keys')).body.map((key: { id: string }) => key.id)).toEqual([escape.body.id]);
    expect((await env.admin.get(`/api/admin/api-keys/${target.id}`)).body.revokedAt).toBeNull();
  });
});
