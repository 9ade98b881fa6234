import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/server.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { createScimToken } from '../../use-cases/scim-tokens/create-scim-token.js';
import { apiClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { createActiveUser } from '../harness/fixtures.js';

const config = testConfig({
  PUBLIC_RATE_LIMIT: '12',
  TOKEN_RATE_LIMIT: '3',
  LOGIN_MAX_FAILURES: '3',
  LOGIN_LOCKOUT: '1m',
  LOGIN_RATE_LIMIT: '6',
  RATE_LIMIT_WINDOW: '1m',
  CORS_ORIGINS: 'https://admin.example',
});
const env = useTestApi(config);

// The API trusts X-Forwarded-For from loopback (a local reverse proxy), so each test is its own client IP.
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('public rate limits', () => {
  it('limits each invitation token, whatever the IP', async () => {
    const token = 'C'.repeat(43);
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await env.anonymous.get(`/api/public/invitations/${token}`, from(`198.51.100.${attempt + 1}`))).status).toBe(404);
    const limited = await env.anonymous.get(`/api/public/invitations/${token}`, from('198.51.100.9'));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await env.anonymous.post(`/api/public/invitations/${token}/renew`, {}, from('198.51.100.10'))).status).toBe(429);
    expect((await env.anonymous.get(`/api/public/invitations/${'D'.repeat(43)}`, from('198.51.100.9'))).status).toBe(404);
  });

  it('locks a client out of an e-mail after repeated failed sign-ins, even for the right password, and known or not; not other clients', async () => {
    const { email } = await createActiveUser('right password 1', 'locked');
    expect((await env.anonymous.post('/api/public/login', { email, password: 'right password 1' }, from('192.0.2.1'))).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await env.anonymous.post('/api/public/login', { email, password: `wrong ${attempt}` }, from('192.0.2.1'))).status).toBe(401);
    }
    const locked = await env.anonymous.post('/api/public/login', { email, password: 'right password 1' }, from('192.0.2.1'));
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await env.anonymous.post('/api/public/login', { email, password: 'right password 1' }, from('192.0.2.2'))).status).toBe(200);

    const unknown = freshEmail('unknown');
    for (let attempt = 0; attempt < 3; attempt++) await env.anonymous.post('/api/public/login', { email: unknown, password: 'guess 1' }, from('192.0.2.3'));
    const unknownLocked = await env.anonymous.post('/api/public/login', { email: unknown, password: 'guess 1' }, from('192.0.2.3'));
    expect(unknownLocked.status).toBe(429);
    expect(unknownLocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('limits each client IP across the public API', async () => {
    const ip = from('203.0.113.7');
    for (let request = 0; request < 12; request++) {
      const answer = await env.anonymous.post('/api/public/signup', { tenantId: 'bad' }, ip);
      expect(answer.status).toBe(400);
    }
    const limited = await env.anonymous.post('/api/public/signup', { tenantId: 'bad' }, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await env.anonymous.post('/api/public/signup', { tenantId: 'bad' }, from('203.0.113.8'))).status).toBe(400);
  });
});

describe('sign-in attempts per client IP (issue 13, finding 2)', () => {
  it('limits admin and public sign-in attempts per client IP, whatever the e-mail, with Retry-After', async () => {
    for (const [path, ip] of [
      ['/api/admin/auth/login', '198.18.5.5'],
      ['/api/public/login', '198.18.6.6'],
    ] as const) {
      for (let attempt = 0; attempt < 6; attempt++) {
        expect((await env.anonymous.post(path, { email: freshEmail('spray'), password: 'guess 1' }, from(ip))).status).toBe(401);
      }
      const limited = await env.anonymous.post(path, { email: freshEmail('spray'), password: 'guess 1' }, from(ip));
      expect(limited.status, path).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await env.anonymous.post(path, { email: freshEmail('spray'), password: 'guess 1' }, from(`${ip}1`))).status).toBe(401);
    }
  });
});

describe('limits shared across API processes, client IP per TRUST_PROXY (issue 13, finding 9)', () => {
  let second: Awaited<ReturnType<typeof startApi>>;
  let untrusting: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    // Two more API instances on the same database: one like the first, one trusting no proxy.
    second = await startApi(config, { port: 0 });
    untrusting = await startApi({ ...config, TRUST_PROXY: false }, { port: 0 });
  });
  afterAll(async () => {
    await untrusting?.stop();
    await second?.stop();
  });
  const both = () => [env.anonymous, apiClient(second.url)];

  it('counts a limit of N as N across two API processes, not 2N', async () => {
    const [one, two] = both();
    const ip = from('203.0.113.90');
    for (let request = 0; request < 12; request++)
      expect((await [one, two][request % 2]!.post('/api/public/signup', { tenantId: 'bad' }, ip)).status).toBe(400);
    for (const api of [one, two]) expect((await api!.post('/api/public/signup', { tenantId: 'bad' }, ip)).body.error.code).toBe('RATE_LIMITED');

    const token = 'E'.repeat(43);
    for (let request = 0; request < 3; request++)
      expect((await [one, two][request % 2]!.get(`/api/public/invitations/${token}`, from(`203.0.113.${100 + request}`))).status).toBe(404);
    for (const api of [one, two]) expect((await api!.get(`/api/public/invitations/${token}`, from('203.0.113.110'))).status).toBe(429);

    const signIn = from('203.0.113.91');
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await [one, two][attempt % 2]!.post('/api/admin/auth/login', { email: freshEmail('spray'), password: 'guess 1' }, signIn)).status).toBe(401);
    }
    for (const api of [one, two])
      expect((await api!.post('/api/admin/auth/login', { email: freshEmail('spray'), password: 'guess 1' }, signIn)).body.error.code).toBe('RATE_LIMITED');

    // The per-client lockout too: 3 failures in all, then the client is refused on both.
    const { email } = await createActiveUser('right password 3', 'locked');
    const lockout = from('203.0.113.92');
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await [one, two][attempt % 2]!.post('/api/public/login', { email, password: 'wrong' }, lockout)).status).toBe(401);
    for (const api of [one, two])
      expect((await api!.post('/api/public/login', { email, password: 'right password 3' }, lockout)).body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('with TRUST_PROXY=false ignores X-Forwarded-For: a client cannot pick its own bucket', async () => {
    const api = apiClient(untrusting.url);
    for (let request = 0; request < 12; request++)
      expect((await api.post('/api/public/signup', { tenantId: 'bad' }, from(`192.0.2.${100 + request}`))).status).toBe(400);
    const limited = await api.post('/api/public/signup', { tenantId: 'bad' }, from('192.0.2.150'));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });
});

describe('per API key and per SCIM token on /api/v1 and /scim/v2 (issue 25, item 4)', () => {
  // An API of its own with a low limit (the file's API keeps the harness's high one).
  let limited: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    limited = await startApi({ ...config, API_RATE_LIMIT: 5 }, { port: 0 });
  });
  afterAll(async () => {
    await limited?.stop();
  });
  const newKey = async (name: string) => (await env.admin.post('/api/admin/api-keys', { name })).body.key as string;
  const remaining = (header: string | null) => Number(/^"5-in-1min"; r=(\d+); t=(\d+)$/.exec(header ?? '')?.[1] ?? Number.NaN);

  it('states the limit and what is left on every answer (RateLimit, RateLimit-Policy), then 429 with Retry-After, per key whatever the IP', async () => {
    const key = await newKey('hasty');
    const client = apiClient(limited.url, { headers: { authorization: `Bearer ${key}` } });
    for (let call = 0; call < 5; call++) {
      const answer = await client.get('/api/v1/tenants', from(`198.51.100.${call + 20}`));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-policy')).toMatch(/^"5-in-1min"; q=5; w=60; pk=:[A-Za-z0-9+/=]+:$/);
      expect(remaining(answer.headers.get('ratelimit')), answer.headers.get('ratelimit') ?? 'no RateLimit header').toBe(4 - call);
      // The count is keyed by the key's id: neither the secret nor its prefix shows.
      expect(`${answer.headers.get('ratelimit-policy')}`).not.toContain(key.slice(3, 13));
      expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
    }
    // Any route of /api/v1, from any IP: the key's sixth call in the window is refused, and nothing runs.
    for (const [method, path] of [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/onboardings/batch'],
      ['POST', '/api/v1/tenants'],
    ] as const) {
      const refused = await client.call(method, path, {
        body: method === 'POST' ? { name: 'Never made', plan: 'essential' } : undefined,
        headers: from('203.0.113.200'),
      });
      expect([refused.status, refused.body.error.code], path).toEqual([429, 'RATE_LIMITED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(remaining(refused.headers.get('ratelimit'))).toBe(0);
    }
    expect((await env.admin.get(`/api/admin/tenants?filter=${encodeURIComponent('{"q":"Never made"}')}`)).body).toEqual([]);

    // Another key from the same IP is counted on its own.
    const other = apiClient(limited.url, { headers: { authorization: `Bearer ${await newKey('calm')}` } });
    const calm = await other.get('/api/v1/tenants', from('198.51.100.20'));
    expect([calm.status, remaining(calm.headers.get('ratelimit'))]).toEqual([200, 4]);
    // An unknown key is refused before anything is counted.
    const stranger = await apiClient(limited.url, { headers: { authorization: `Bearer ak_${'x'.repeat(43)}` } }).get('/api/v1/tenants');
    expect([stranger.status, stranger.headers.get('ratelimit')]).toEqual([401, null]);
  });

  it('limits each SCIM token the same way, answering in SCIM error terms', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const { token } = await createScimToken(PLATFORM_SCOPE, tenant.id, 'Okta');
    const scim = apiClient(limited.url, { headers: { authorization: `Bearer ${token}` } });
    for (let call = 0; call < 5; call++) {
      const answer = await scim.get('/scim/v2/Users');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-policy')).toMatch(/^"5-in-1min"; q=5; w=60; pk=/);
      expect(remaining(answer.headers.get('ratelimit'))).toBe(4 - call);
    }
    const refused = await scim.get('/scim/v2/Users');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(remaining(refused.headers.get('ratelimit'))).toBe(0);
    // Another office's token is its own count.
    const otherTenant = await apiTenant(env.admin, '/api/admin/tenants');
    const otherToken = (await createScimToken(PLATFORM_SCOPE, otherTenant.id, 'Entra')).token;
    expect((await apiClient(limited.url, { headers: { authorization: `Bearer ${otherToken}` } }).get('/scim/v2/Users')).status).toBe(200);
  });
});

describe('CORS', () => {
  it('opens only to the configured origins, with credentials and Content-Range exposed', async () => {
    const preflight = await env.anonymous.call('OPTIONS', '/api/admin/users', {
      headers: { origin: 'https://admin.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const list = await env.admin.get('/api/admin/users', { origin: 'https://admin.example' });
    expect(list.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const other = await env.anonymous.call('OPTIONS', '/api/admin/users', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
