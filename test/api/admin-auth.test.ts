import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccountModel, ApiKeyModel } from '../../data/models/index.js';
import { adminClient, apiClient, startTestApi } from '../harness/api-client.js';
import { freshEmail } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
let env: Awaited<ReturnType<typeof startTestApi>>;

beforeAll(async () => {
  env = await startTestApi(config);
});
afterAll(async () => {
  await env?.api.stop();
});

const someId = '0123456789abcdef01234567';

/** Every /api/admin operation of the OpenAPI document, with sample path params (the document lists every route; see openapi.test.ts). */
async function adminOperations() {
  const { body } = await env.anonymous.get('/api/openapi.json');
  return Object.entries(body.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith('/api/admin/') && !path.startsWith('/api/admin/auth/'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, someId) })));
}

describe('admin sign-in', () => {
  it('creates the first admin from the configured account, argon2id-hashed', async () => {
    const account = await AdminAccountModel.findOne({ email: config.adminBootstrap!.email }).lean();
    expect(account?.role).toBe('admin');
    expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('signs in with an httpOnly SameSite=Lax cookie, tells who is signed in, and signs out', async () => {
    const response = await fetch(`${env.url}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: config.adminBootstrap!.email.toUpperCase(), password: config.adminBootstrap!.password }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: config.adminBootstrap!.email, role: 'admin', name: 'Administrator', id: expect.any(String) });
    const setCookie = response.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^admin_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const client = apiClient(env.url, { headers: { cookie: setCookie.split(';')[0]! } });

    expect((await client.get('/api/admin/auth/me')).body).toMatchObject({ email: config.adminBootstrap!.email, role: 'admin' });
    expect((await client.post('/api/admin/auth/logout')).status).toBe(204);
    const after = await client.get('/api/admin/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await client.get('/api/admin/users')).status).toBe(401);
  });

  it('refuses a wrong password or unknown account with the same 401', async () => {
    const wrong = await env.anonymous.post('/api/admin/auth/login', { email: config.adminBootstrap!.email, password: 'not the password' });
    const unknown = await env.anonymous.post('/api/admin/auth/login', { email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await env.anonymous.post('/api/admin/auth/login', { email: 'x' })).status).toBe(400);
  });
});

describe('admin authorization', () => {
  it('answers 401 on every admin route without a session, or with a forged one', async () => {
    const operations = await adminOperations();
    expect(operations.length).toBeGreaterThan(25);
    const forged = apiClient(env.url, { headers: { cookie: 'admin_session=forged-session-id' } });
    for (const caller of [env.anonymous, forged]) {
      for (const { method, path } of operations) {
        const answer = await caller.call(method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('lets a viewer read but answers 403 to every write', async () => {
    const email = freshEmail('viewer');
    const created = await env.admin.post('/api/admin/admins', { email, name: 'Vera Viewer', role: 'viewer', password: 'viewer password 1' });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const viewer = (await adminClient(env.url, email, 'viewer password 1')).client;

    expect((await viewer.get('/api/admin/auth/me')).body.role).toBe('viewer');
    const users = await viewer.get('/api/admin/users');
    expect(users.status).toBe(200);
    expect((await viewer.get('/api/admin/dashboard')).status).toBe(200);

    const writes = (await adminOperations()).filter((operation) => operation.method !== 'GET');
    expect(writes.length).toBeGreaterThan(10);
    for (const { method, path } of writes) {
      const answer = await viewer.call(method, path, { body: method === 'DELETE' ? undefined : {} });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
    expect((await viewer.post('/api/admin/auth/logout')).status).toBe(204);
  });

  it('keeps the last admin: it cannot be demoted or deleted', async () => {
    const me = (await env.admin.get('/api/admin/auth/me')).body;
    const demote = await env.admin.put(`/api/admin/admins/${me.id}`, { role: 'viewer' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');
    expect((await env.admin.delete(`/api/admin/admins/${me.id}`)).status).toBe(409);
  });

  it('gives the admin app its Temporal UI configuration', async () => {
    const { status, body } = await env.admin.get('/api/admin/config');
    expect(status).toBe(200);
    expect(body).toEqual({ temporalUiUrl: config.temporalUiUrl, namespace: 'default', taskQueue: config.TEMPORAL_TASK_QUEUE });
  });
});

describe('CORS and headers', () => {
  it('keeps CORS closed by default and sends request ids and helmet headers', async () => {
    const answer = await env.anonymous.get('/api/admin/auth/me', { origin: 'https://evil.example', 'x-request-id': 'req-123' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('x-request-id')).toBe('req-123');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const unknownRoute = await env.anonymous.get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('NOT_FOUND');
  });
});

describe('API keys from the command line', () => {
  it('creates a key printed once (stored as a hash), lists it and revokes it', async () => {
    const run = (args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'cli/index.ts', ...args], { env: { ...process.env, MONGO_URL: config.mongoUrl, NODE_ENV: 'test' }, timeout: 60_000 });
    const created = await run(['api-keys', 'create', '--name', 'erp']);
    const key = /\b(ak_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const stored = await ApiKeyModel.findOne({ name: 'erp' }).lean();
    expect(JSON.stringify(stored)).not.toContain(key);

    const client = apiClient(env.url, { headers: { authorization: `Bearer ${key}` } });
    expect((await client.get('/api/v1/tenants')).status).toBe(200);
    expect((await run(['api-keys', 'list'])).stdout).toContain(`${stored!.prefix}…  erp`);
    expect((await run(['api-keys', 'revoke', stored!.prefix])).stdout).toContain('Revoked 1 key(s).');
    expect((await client.get('/api/v1/tenants')).status).toBe(401);
  });
});
