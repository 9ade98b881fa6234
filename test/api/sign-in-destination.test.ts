import { describe, expect, it } from 'vitest';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * Once active, people sign in where they will work: the office's main system when its tenant
 * names one (signInUrl), else the platform's page. The "access ready" e-mail and the registration
 * page's last step both send them there.
 */
const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h', PUBLIC_RATE_LIMIT: '1000' });
const env = useTestApi(config);
useTestWorker(config);
const password = 'destination pass 42';

async function activated(tenantId: string) {
  const email = freshEmail('destination');
  await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Dora Destino', email, locale: 'pt-BR' });
  const { token } = registrationLink((await waitForMessages(email, 1))[0]!);
  const details = (await env.anonymous.get(`/api/public/invitations/${token}`)).body;
  expect((await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password })).status).toBe(200);
  const ready = (await waitForMessages(email, 2))[1]!;
  return { details, ready };
}

describe('where people sign in once active', () => {
  it("is the office's main system when its tenant names one, else the platform's page", async () => {
    const office = await apiTenant(env.admin, '/api/admin/tenants', 'essential', { signInUrl: 'https://sistema.escritorio.example/login' });
    expect(office).toMatchObject({ signInUrl: 'https://sistema.escritorio.example/login' });
    const own = await activated(office.id);
    expect(own.details.signInUrl).toBe('https://sistema.escritorio.example/login');
    expect(own.ready.subject).toContain('está pronto');
    expect(own.ready.text).toContain('https://sistema.escritorio.example/login');
    expect(own.ready.text).not.toContain(`${config.publicUrl}/sign-in`);

    const plain = await apiTenant(env.admin, '/api/admin/tenants');
    const platforms = await activated(plain.id);
    expect(platforms.details.signInUrl).toBe(`${config.publicUrl}/sign-in`);
    expect(platforms.ready.text).toContain(`${config.publicUrl}/sign-in`);
  });

  it('is set by the platform only, as a URL', async () => {
    const office = await apiTenant(env.admin, '/api/admin/tenants');
    const bad = await env.admin.put(`/api/admin/tenants/${office.id}`, { signInUrl: 'javascript:alert(1)' });
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'signInUrl']);
    const set = await env.admin.put(`/api/admin/tenants/${office.id}`, { signInUrl: 'https://erp.example/entrar' });
    expect(set.body.signInUrl).toBe('https://erp.example/entrar');
    expect((await env.admin.put(`/api/admin/tenants/${office.id}`, { signInUrl: null })).body.signInUrl).toBeNull();
  });
});
