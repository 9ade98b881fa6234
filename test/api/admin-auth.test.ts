import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AdminAccountModel, ApiKeyModel } from '../../data/models/index.js';
import { adminClient, apiClient, useTestApi } from '../harness/api-client.js';
import { freshEmail } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
const env = useTestApi(config);

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

  it('ends the session the browser held when it signs in again', async () => {
    const credentials = { email: config.adminBootstrap!.email, password: config.adminBootstrap!.password };
    const first = await adminClient(env.url, credentials.email, credentials.password);
    expect((await first.client.get('/api/admin/auth/me')).status).toBe(200);
    const again = await first.client.post('/api/admin/auth/login', credentials);
    expect(again.status).toBe(200);
    const second = apiClient(env.url, { headers: { cookie: again.headers.getSetCookie()[0]!.split(';')[0]! } });
    expect((await second.get('/api/admin/auth/me')).status).toBe(200);
    expect((await first.client.get('/api/admin/auth/me')).status).toBe(401);
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
    const policy = answer.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) expect(policy).toContain(directive);
    // Served over http here: an https upgrade would break every script on http://localhost.
    expect(policy).not.toContain('upgrade-insecure-requests');
    const unknownRoute = await env.anonymous.get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('NOT_FOUND');
  });
});

describe('cross-site requests (CSRF)', () => {
  it("refuses changes with the admin's cookie from another site or origin, and changes nothing", async () => {
    const before = await AdminAccountModel.countDocuments();
    const body = { email: freshEmail('csrf'), name: 'Planted Admin', role: 'admin', password: 'planted password 1' };
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const created = await env.admin.post('/api/admin/admins', body, headers);
      expect(created.status, JSON.stringify(headers)).toBe(403);
      expect(created.body.error.code).toBe('CROSS_SITE_REQUEST');
      // Body-less actions too: a form or an <img> cannot carry a JSON body, an action needs none.
      const action = await env.admin.post(`/api/admin/users/${someId}/resend`, undefined, headers);
      expect(action.body.error.code).toBe('CROSS_SITE_REQUEST');
      expect((await env.admin.post('/api/admin/auth/logout', undefined, headers)).status).toBe(403);
    }
    expect(await AdminAccountModel.countDocuments()).toBe(before);
    expect((await env.admin.get('/api/admin/auth/me')).status).toBe(200);
    // Reads are unaffected; the console's own origin and non-browser clients pass on to the route.
    expect((await env.admin.get('/api/admin/users', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    const sameOrigin: Record<string, string>[] = [{ origin: env.url }, { origin: env.url, 'sec-fetch-site': 'same-origin' }, {}];
    for (const headers of sameOrigin) {
      expect((await env.admin.post(`/api/admin/users/${someId}/resend`, undefined, headers)).body.error.code, JSON.stringify(headers)).toBe('USER_NOT_FOUND');
    }
  });
});

describe('large bodies', () => {
  it('are refused before they are read when the caller is not authenticated', async () => {
    const rows = Array.from({ length: 9_000 }, (_, index) => ({ code: index + 1, name: `Person ${index}`, email: `p${index}@office.test` }));
    for (const path of [`/api/v1/tenants/${someId}/users/import`, `/api/admin/tenants/${someId}/users/import`, '/api/v1/onboardings/batch']) {
      // Not JSON at all: a parser that ran first would answer 400 MALFORMED_BODY.
      const garbage = await fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{${'x'.repeat(500_000)}` });
      expect(garbage.status, path).toBe(401);
      expect(((await garbage.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      expect((await env.anonymous.post(path, { rows, items: rows })).status).toBe(401);
    }
  });
});

describe('API keys from the command line', () => {
  it('creates a key printed once (stored as a hash), lists it and revokes it', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
        env: { ...process.env, MONGO_URL: config.mongoUrl, NODE_ENV: 'test' },
        timeout: 60_000,
      });
    const created = await run(['api-keys', 'create', '--name', 'erp']);
    const key = /\b(ak_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const stored = await ApiKeyModel.findOne({ name: 'erp' }).lean();
    expect(JSON.stringify(stored)).not.toContain(key);

    const client = apiClient(env.url, { headers: { authorization: `Bearer ${key}` } });
    expect((await client.get('/api/v1/tenants')).status).toBe(200);
    expect(created.stdout).toContain('platform key: reaches every tenant');
    expect((await run(['api-keys', 'list'])).stdout).toContain(`${stored!.prefix}…  erp  PLATFORM  by cli`);
    expect((await run(['api-keys', 'revoke', stored!.prefix])).stdout).toContain('Revoked 1 key(s).');
    expect((await client.get('/api/v1/tenants')).status).toBe(401);
    expect((await run(['api-keys', 'list'])).stdout).toMatch(new RegExp(`${stored!.prefix}…  erp  PLATFORM  by cli  created \\S+  last used \\S+  REVOKED `));
    // Nothing left to revoke: exit 1; no target at all: exit 2 with the usage.
    const failed = (args: string[]) =>
      run(args).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    expect(await failed(['api-keys', 'revoke', stored!.prefix])).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`No active key with id or prefix "${stored!.prefix}"`),
    });
    expect(await failed(['api-keys', 'revoke'])).toMatchObject({ code: 2, stderr: expect.stringContaining('name the key to revoke') });

    // --tenant scopes the key to one office: /api/v1 answers it that office only.
    const office = await env.admin.post('/api/admin/tenants', { name: 'Escritório Contábil Lima', plan: 'essential' });
    const other = await env.admin.post('/api/admin/tenants', { name: 'Escritório Vizinho', plan: 'essential' });
    const scoped = await run(['api-keys', 'create', '--name', 'erp-lima', '--tenant', office.body.id]);
    expect(scoped.stdout).toContain(`scoped to tenant ${office.body.id}`);
    const officeKey = /\b(ak_[A-Za-z0-9_-]{43})\b/.exec(scoped.stdout)![1];
    const officeClient = apiClient(env.url, { headers: { authorization: `Bearer ${officeKey}` } });
    expect((await officeClient.get('/api/v1/tenants')).body).toMatchObject({ total: 1, items: [{ id: office.body.id }] });
    expect((await officeClient.get(`/api/v1/tenants/${other.body.id}`)).body.error.code).toBe('OTHER_TENANT');
    expect((await run(['api-keys', 'list'])).stdout).toContain(`erp-lima  tenant ${office.body.id}  by cli`);
    expect(await failed(['api-keys', 'create', '--name', 'x', '--tenant', 'lima'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--tenant must be a tenant id'),
    });
    expect(await failed(['api-keys', 'create', '--name', 'x', '--tenant', '0123456789abcdef01234567'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no tenant with id "0123456789abcdef01234567"'),
    });
    expect(await ApiKeyModel.countDocuments({ name: 'x' })).toBe(0);
    // Ten CLI processes, each a node start compiling the CLI with tsx: 7 to 9 s each in a loaded CI
    // run (74 to 89 s in all, then 90 s exceeded once), far beyond the services lane's default.
  }, 300_000);
});

describe('admin accounts from the command line', () => {
  /** The CLI with `stdin` piped in, as a script feeding it from a secret store would. */
  const run = (args: string[], stdin = '') =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
        env: { ...process.env, MONGO_URL: config.mongoUrl, NODE_ENV: 'test' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('takes the password from stdin, never from an argument the shell history keeps', async () => {
    const email = freshEmail('cli-admin');
    const password = 'piped password 42';
    const refused = await run(['admins', 'create', '--email', email, '--role', 'viewer', '--password', password]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--password is not accepted');
    expect(await AdminAccountModel.exists({ email })).toBeNull();

    const weak = await run(['admins', 'create', '--email', email, '--role', 'viewer', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('password: must have at least 10 characters');
    // No terminal and no --password-stdin: it says how to pass the password instead of waiting.
    expect((await run(['admins', 'create', '--email', email, '--role', 'viewer'])).stderr).toContain('--password-stdin');
    expect(await AdminAccountModel.exists({ email })).toBeNull();

    const created = await run(['admins', 'create', '--email', email, '--name', 'Vera Viewer', '--role', 'viewer', '--password-stdin'], `${password}\n`);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created viewer ${email}`);
    const viewer = await adminClient(env.url, email, password);
    expect((await viewer.client.get('/api/admin/auth/me')).body).toMatchObject({ email, role: 'viewer' });
  });
});
