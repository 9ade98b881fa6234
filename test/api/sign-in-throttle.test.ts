import { describe, expect, it } from 'vitest';
import { RateLimitModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { freshEmail } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { createActiveUser } from '../harness/fixtures.js';

// Issue 13, finding 2. LOGIN_RATE_LIMIT is high here so the burst meets the per-client lockout, not the per-IP limit (rate-limits.test.ts).
const config = testConfig({
  LOGIN_MAX_FAILURES: '5',
  LOGIN_ACCOUNT_MAX_FAILURES: '20',
  LOGIN_LOCKOUT: '1m',
  LOGIN_RATE_LIMIT: '1000',
  PUBLIC_RATE_LIMIT: '1000',
});
const env = useTestApi(config);

// The API trusts X-Forwarded-For from loopback (TRUST_PROXY's default): each header is a client IP.
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const admin = () => ({ email: config.adminBootstrap!.email, password: config.adminBootstrap!.password });

describe('sign-in throttling under bursts', () => {
  it('counts 200 parallel wrong passwords exactly, and the burst does not lock the real admin out from another client', async () => {
    const stranger = from('203.0.113.66');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        env.anonymous.post('/api/admin/auth/login', { email: admin().email, password: `wrong guess ${index}` }, stranger),
      ),
    );
    const codes = answers.map((answer) => `${answer.status} ${answer.body.error?.code}`);
    // Each attempt is counted atomically before the password is checked: exactly 5 guesses, 195 refusals.
    expect(codes.filter((code) => code === '401 INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((code) => code === '429 TOO_MANY_ATTEMPTS')).toHaveLength(195);
    const pair = await RateLimitModel.findById(`signin:pair:203.0.113.66|admin:${admin().email}`).lean();
    expect(pair?.count).toBe(200);
    expect(pair!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);

    // The stranger stays locked out, even with the right password; the admin elsewhere signs in.
    const locked = await env.anonymous.post('/api/admin/auth/login', admin(), stranger);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(50);
    const real = await env.anonymous.post('/api/admin/auth/login', admin(), from('198.51.100.20'));
    expect(real.status).toBe(200);
    expect(real.headers.get('set-cookie')).toMatch(/^admin_session=/);
  });

  it('past the per-account limit lets only clients that signed in before through, also for public sign-in', async () => {
    const password = 'right password 2';
    const { email } = await createActiveUser(password, 'throttled');
    const home = from('192.0.2.200');
    expect((await env.anonymous.post('/api/public/login', { email, password }, home)).status).toBe(200);
    // 20 clients guess once each (under the per-client lockout): the account's limit.
    for (let client = 1; client <= 20; client++) {
      expect((await env.anonymous.post('/api/public/login', { email, password: 'guess 1' }, from(`198.18.0.${client}`))).status).toBe(401);
    }
    const newClient = await env.anonymous.post('/api/public/login', { email, password }, from('198.18.1.1'));
    expect(newClient.status).toBe(429);
    expect(newClient.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(newClient.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await env.anonymous.post('/api/public/login', { email, password }, home)).status).toBe(200);
  });

  it('keeps the throttle collection bounded: every counter expires through a TTL index', async () => {
    for (let attempt = 0; attempt < 3; attempt++)
      await env.anonymous.post('/api/public/login', { email: freshEmail('random'), password: 'guess 1' }, from('192.0.2.201'));
    const indexes = await RateLimitModel.collection.indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    const documents = await RateLimitModel.find().lean();
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(document.expiresAt).toBeInstanceOf(Date);
  });
});
