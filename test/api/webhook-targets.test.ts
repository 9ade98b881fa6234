import { describe, expect, it } from 'vitest';
import { WebhookEndpointModel } from '../../data/models/index.js';
import { postWebhook } from '../../webhooks/post.js';
import { useTestApi } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';
import { startWebhookReceiver } from '../harness/webhook-receiver.js';

/**
 * Webhook receivers are on the public internet, checked when the URL is registered and again at
 * each connection (no server-side request forgery into the service's own network); and a tenant
 * has at most WEBHOOK_MAX_ENDPOINTS of them. Production's rules: WEBHOOK_ALLOW_PRIVATE off.
 */
const config = testConfig({ WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_MAX_ENDPOINTS: '3' });
const env = useTestApi(config);

/** Literal public addresses: nothing to resolve, so these tests need no DNS. */
const PUBLIC = 'http://93.184.216.34/hooks';

describe('webhook targets', () => {
  it('refuses every non-public target at registration with 422, and registers a public one', async () => {
    const before = await WebhookEndpointModel.countDocuments({});
    const targets = [
      ...['http://127.0.0.1:27017/', 'http://10.1.2.3/', 'http://172.16.5.4/', 'http://192.168.0.10/', 'http://169.254.169.254/latest/meta-data/'],
      ...['http://100.64.1.1/', 'http://224.0.0.1/', 'http://0.0.0.0:9464/metrics', 'http://255.255.255.255/'],
      ...['http://[::1]/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[64:ff9b::a00:1]/'],
      'http://localhost:3000/', // a name, resolving to loopback
    ];
    const answers = await Promise.all(targets.map((url) => env.integration.post('/api/v1/webhooks', { url })));
    expect(answers.map((answer, index) => [targets[index], answer.status, answer.body.error?.code, answer.body.error?.fields[0]?.path])).toEqual(
      targets.map((url) => [url, 422, 'WEBHOOK_TARGET_NOT_PUBLIC', 'url']),
    );
    expect(await WebhookEndpointModel.countDocuments({})).toBe(before);

    const created = await env.integration.post('/api/v1/webhooks', { url: PUBLIC, events: ['user.deleted'] });
    expect(created.status).toBe(201);
    const moved = await env.integration.patch(`/api/v1/webhooks/${created.body.id}`, { url: 'http://169.254.169.254/' });
    expect([moved.status, moved.body.error.code]).toEqual([422, 'WEBHOOK_TARGET_NOT_PUBLIC']);
    expect((await env.integration.get(`/api/v1/webhooks/${created.body.id}`)).body.url).toBe(PUBLIC);
    await env.integration.delete(`/api/v1/webhooks/${created.body.id}`);
  });

  it('connects to no private address even when the name resolved to a public one before (DNS rebinding)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const url = receiver.url('/rebound').replace('127.0.0.1', 'rebound.example');
      const port = Number(new URL(url).port);
      const nowLoopback = { resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
      const refused = await postWebhook(url, { 'content-type': 'application/json' }, '{}', nowLoopback);
      expect(refused).toEqual({ error: 'not sent: the host does not resolve to a public internet address' });
      expect(await postWebhook(`http://127.0.0.1:${port}/rebound`, {}, '{}')).toEqual(refused);
      expect(receiver.started('/rebound')).toBe(0);
      // The same receiver, where private targets are allowed (development): reached, so the refusal above was the guard's.
      expect(await postWebhook(url, { 'content-type': 'application/json' }, '{}', { ...nowLoopback, allowPrivate: true })).toMatchObject({ status: 200 });
      expect(receiver.started('/rebound')).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('caps the endpoints of a tenant (and the global ones) at WEBHOOK_MAX_ENDPOINTS', async () => {
    const tenant = await env.integration.post('/api/v1/tenants', { name: 'Escritório com muitos', plan: 'essential' });
    const add = () => env.integration.post('/api/v1/webhooks', { url: PUBLIC, tenantId: tenant.body.id, events: ['user.deleted'] });
    for (let i = 0; i < 3; i++) expect((await add()).status).toBe(201);
    const fourth = await add();
    expect([fourth.status, fourth.body.error.code]).toEqual([422, 'TOO_MANY_WEBHOOKS']);
    expect(await WebhookEndpointModel.countDocuments({ tenantId: tenant.body.id })).toBe(3);
  });
});
