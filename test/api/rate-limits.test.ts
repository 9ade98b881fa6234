import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/server.js';
import { apiClient, useTestApi } from '../harness/api-client.js';
import { freshEmail } from '../harness/api-fixtures.js';
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
