import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
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

describe('API keys that expire (issue 25, item 4)', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it('takes an optional expiry at creation, shows it in the lists, and works until then', async () => {
    const expiresAt = inDays(30);
    const created = await env.admin.post('/api/admin/api-keys', { name: 'contractor', expiresAt: expiresAt.toISOString().replace('Z', '+00:00') });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(expiresAt.toISOString());
    expect((await env.admin.get(`/api/admin/api-keys/${created.body.id}`)).body.expiresAt).toBe(expiresAt.toISOString());
    const listed = (await env.admin.get(`/api/admin/api-keys${listQuery}`)).body as { id: string; expiresAt: string | null }[];
    expect(listed.find((key) => key.id === created.body.id)?.expiresAt).toBe(expiresAt.toISOString());
    expect(listed.find((key) => key.id !== created.body.id)?.expiresAt).toBeNull();
    expect((await apiClient(env.url, { headers: { authorization: `Bearer ${created.body.key}` } }).get('/api/v1/tenants')).status).toBe(200);
    const audit = await AuditEventModel.findOne({ entityId: created.body.id, action: 'apiKey.created' }).lean();
    expect(audit?.after).toMatchObject({ expiresAt: expiresAt.toISOString() });
  });

  it('refuses an expiry that is not in the future, or not a date-time, and makes no key', async () => {
    for (const expiresAt of [new Date(Date.now() - 1_000).toISOString(), '2020-01-01T00:00:00Z', 'next year', '2030-02-30T00:00:00Z', 1_900_000_000]) {
      const answer = await env.admin.post('/api/admin/api-keys', { name: 'too late', expiresAt });
      expect([answer.status, answer.body.error.code], String(expiresAt)).toEqual([400, 'VALIDATION_FAILED']);
      expect(answer.body.error.fields.map((field: { path: string }) => field.path)).toEqual(['expiresAt']);
    }
    const past = await env.admin.post('/api/admin/api-keys', { name: 'too late', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.body.error.fields[0].message).toBe('must be in the future');
    expect(await ApiKeyModel.countDocuments({ name: 'too late' })).toBe(0);
  });

  it('refuses an expired key with 401 API_KEY_EXPIRED, saying so, like a revoked one', async () => {
    const created = await env.admin.post('/api/admin/api-keys', { name: 'short-lived', expiresAt: inDays(1).toISOString() });
    const client = apiClient(env.url, { headers: { authorization: `Bearer ${created.body.key}` } });
    expect((await client.get('/api/v1/tenants')).status).toBe(200);
    // A day later (moved back in the database rather than waited for).
    const lastUsedAt = (await ApiKeyModel.findById(created.body.id).lean())!.lastUsedAt;
    await ApiKeyModel.updateOne({ _id: created.body.id }, { $set: { expiresAt: new Date(Date.now() - 1_000), lastUsedAt: new Date(Date.now() - 3_600_000) } });
    for (const [method, path] of [
      ['GET', '/api/v1/tenants'],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/onboardings/batch'],
    ] as const) {
      const refused = await client.call(method, path, method === 'POST' ? { body: { items: [{}] } } : {});
      expect([refused.status, refused.body.error.code], path).toEqual([401, 'API_KEY_EXPIRED']);
      expect(refused.body.error.message).toMatch(/^API key expired/);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    }
    const inPortuguese = await client.get('/api/v1/tenants', { 'accept-language': 'pt-BR' });
    expect(inPortuguese.body.error.message).toMatch(/^Chave de API expirada/);
    // Not a use: "last used" stays as it was.
    expect((await ApiKeyModel.findById(created.body.id).lean())!.lastUsedAt!.getTime()).toBeLessThan(lastUsedAt!.getTime());
    // Revoked as well: just refused, as any revoked key.
    await env.admin.post(`/api/admin/api-keys/${created.body.id}/revoke`);
    expect((await client.get('/api/v1/tenants')).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('from the command line: --expires-in or --expires-at, shown in the list; a past one refused', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'api-keys', ...args], {
        env: { ...process.env, MONGO_URL: config.mongoUrl, NODE_ENV: 'test' },
        timeout: 60_000,
      });
    const created = await run(['create', '--name', 'quarterly', '--expires-in', '90d']);
    const stored = await ApiKeyModel.findOne({ name: 'quarterly' }).lean();
    expect(Math.abs(stored!.expiresAt!.getTime() - inDays(90).getTime())).toBeLessThan(120_000);
    expect(created.stdout).toContain(`expires ${stored!.expiresAt!.toISOString()}`);
    const at = '2099-06-30T23:59:59.000Z';
    await run(['create', '--name', 'until 2099', `--expires-at=${at}`]);
    const list = (await run(['list'])).stdout;
    expect(list).toMatch(
      new RegExp(`${stored!.prefix}…  quarterly  PLATFORM  by cli  created \\S+  last used never  expires ${stored!.expiresAt!.toISOString()}`),
    );
    expect(list).toMatch(new RegExp(`until 2099  PLATFORM  by cli  created \\S+  last used never  expires ${at}`));
    for (const args of [
      ['--expires-at', '2020-01-01T00:00:00Z'],
      ['--expires-in', '90d', '--expires-at', at],
    ]) {
      const failed = await run(['create', '--name', 'refused', ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code, args.join(' ')).toBe(2);
      expect(failed.stderr).toMatch(/expires|future/);
    }
    expect(await ApiKeyModel.countDocuments({ name: 'refused' })).toBe(0);
  });
});
