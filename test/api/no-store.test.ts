import { describe, expect, it } from 'vitest';
import { useTestApi, type Answer } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { testConfig } from '../harness/context.js';

/**
 * No answer of the API is kept by a cache on the way: in particular none of those that carry a
 * secret answered once (a new API key, SCIM token or webhook secret, a generated password), and no
 * error either. One rule for the whole API (api/http/no-store.ts), checked here on each of them.
 */
const config = testConfig();
const env = useTestApi(config);

const noStore = (answer: Answer, what: string) => {
  expect(answer.headers.get('cache-control'), `${what}: ${answer.status}`).toBe('no-store');
};

describe('Cache-Control', () => {
  it('is no-store on every answer that carries a secret, on lists and on errors', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const key = await env.admin.post('/api/admin/api-keys', { name: 'erp', tenantId: tenant.id });
    expect(key.body.key).toMatch(/^ak_/);
    noStore(key, 'new API key');
    const token = await env.admin.post(`/api/admin/tenants/${tenant.id}/scim-tokens`, { name: 'Okta' });
    expect(token.body.token).toMatch(/^scim_/);
    noStore(token, 'new SCIM token');
    for (const [what, answer] of [
      ['console webhook', await env.admin.post('/api/admin/webhooks', { url: 'https://crm.example.test/hooks', tenantId: tenant.id })],
      ['integration webhook', await env.integration.post('/api/v1/webhooks', { url: 'https://crm.example.test/hooks', tenantId: tenant.id })],
    ] as const) {
      expect(answer.body.secret).toMatch(/^whsec_/);
      noStore(answer, what);
    }
    const viewer = await consoleAccount(env, 'viewer');
    const reset = await env.admin.post(`/api/admin/admins/${viewer.id}/password`, { generate: true });
    expect(reset.body.generatedPassword).toEqual(expect.any(String));
    noStore(reset, 'generated password');
    noStore(await env.admin.get('/api/admin/api-keys'), 'a list');
    noStore(await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Nina', email: 'not an e-mail' }), 'an error');
    noStore(await env.anonymous.post('/api/public/login', { email: freshEmail('nobody'), password: 'wrong password 1' }), 'public sign-in');
    noStore(await env.anonymous.get('/scim/v2/Users'), 'SCIM');
  });
});
