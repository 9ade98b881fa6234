import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';
import { createTenant, createUser } from '../harness/fixtures.js';
import { scrape, sampleValue } from '../harness/prometheus.js';

const config = testConfig();
const env = useTestApi(config);

/** The same app under another configuration, on a port of its own (the database connection is the test API's). */
async function appWith(overrides: Record<string, string>) {
  const app = createApp({ config: testConfig(overrides), temporal: env.api.temporal, logger: pino({ level: 'silent' }) });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('GET /metrics', () => {
  it('times requests by route pattern, method and status, and exposes the dashboard counts and process metrics', async () => {
    const tenant = await createTenant();
    const tenantId = String(tenant._id);
    const setStatus = async (status: string, extra: Record<string, unknown> = {}) => {
      const { user } = await createUser(tenant);
      await UserModel.updateOne({ _id: user._id }, { $set: { status, ...extra } });
    };
    const day = 86_400_000;
    await setStatus('invited', { invitedAt: new Date() });
    await setStatus('invited', { invitedAt: new Date(Date.now() - 2 * day) });
    await setStatus('invited', { invitedAt: new Date(Date.now() - 4 * day), emailFailing: true });
    await setStatus('active');
    await setStatus('active');
    await createUser(tenant); // staged

    for (let i = 0; i < 2; i++) expect((await env.integration.get(`/api/v1/tenants/${tenantId}`)).status).toBe(200);
    expect((await env.integration.get('/api/v1/tenants/0123456789abcdef01234567')).status).toBe(404);
    // Refused by the route's own validation: still counted under the route, not the URL.
    expect((await env.integration.get('/api/v1/tenants/not-an-id')).status).toBe(400);
    expect((await env.integration.get('/api/v1/no-such-route/0123456789abcdef01234567')).status).toBe(404);

    const { text, samples, contentType } = await scrape(`${env.url}/metrics`);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const count = (route: string, status: string) => sampleValue(samples, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: status });
    expect(count('/api/v1/tenants/:id', '200')).toBe(2);
    expect(count('/api/v1/tenants/:id', '404')).toBe(1);
    expect(count('/api/v1/tenants/:id', '400')).toBe(1);
    expect(count('(unrouted)', '404')).toBe(1);
    // A histogram: cumulative buckets up to +Inf, which holds every request.
    expect(sampleValue(samples, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/api/v1/tenants/:id', status_code: '200', le: '+Inf' })).toBe(
      2,
    );
    // Never a URL with its ids: the series stay one per route.
    expect(text).not.toContain(tenantId);
    expect(text).not.toContain('0123456789abcdef01234567');
    expect(text).not.toContain('not-an-id');
    expect(text).not.toContain(env.apiKey);

    // The dashboard's counts (this test file has a database of its own).
    expect(sampleValue(samples, 'activation_users', { status: 'invited' })).toBe(3);
    expect(sampleValue(samples, 'activation_users', { status: 'active' })).toBe(2);
    expect(sampleValue(samples, 'activation_users', { status: 'staged' })).toBe(1);
    expect(sampleValue(samples, 'activation_users', { status: 'expired' })).toBe(0);
    expect(sampleValue(samples, 'activation_invited_users_waiting', { longer_than: '1d' })).toBe(2);
    expect(sampleValue(samples, 'activation_invited_users_waiting', { longer_than: '3d' })).toBe(1);
    expect(sampleValue(samples, 'activation_invited_users_waiting', { longer_than: '7d' })).toBe(0);
    expect(sampleValue(samples, 'activation_users_email_failing')).toBe(1);
    expect(sampleValue(samples, 'activation_workers_running')).toBe(0);
    expect(sampleValue(samples, 'activation_dashboard_metrics_up')).toBe(1);
    // Node's process metrics.
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // The scrape itself is timed under its route.
    const again = await scrape(`${env.url}/metrics`);
    expect(sampleValue(again.samples, 'http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status_code: '200' })).toBe(1);
  });

  it('with METRICS_TOKEN answers only to that bearer token; outside development it is off without one', async () => {
    const token = 'metrics-token-metrics-token-0123456789';
    const guarded = await appWith({ METRICS_TOKEN: token });
    try {
      const anonymous = await fetch(`${guarded.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      const scraped = await scrape(`${guarded.url}/metrics`, { authorization: `Bearer ${token}` });
      expect(sampleValue(scraped.samples, 'activation_dashboard_metrics_up')).toBe(1);
    } finally {
      await guarded.close();
    }

    // MONGO_URL set and not NODE_ENV=test: the dev defaults do not apply, so no token means no metrics.
    const production = await appWith({ NODE_ENV: 'development' });
    try {
      const answer = await fetch(`${production.url}/metrics`);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await production.close();
    }
  });

  it('is documented in the OpenAPI document, with the token as optional bearer auth', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    expect(body.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }, {}]);
    expect(body.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
