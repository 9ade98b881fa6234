import { describe, expect, it } from 'vitest';
import { brandedFrom } from '../../domain/branding.js';
import { adminClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * An office's invitations look like the office: its name as the sender, on the platform's own
 * address (DMARC-aligned), replies to the office, its logo, colour and support contact; the page
 * the e-mail opens carries the same. The office sets it; the platform's defaults stand in.
 */
const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h', MAIL_FROM: 'Accounts <no-reply@accounts.test>' });
const env = useTestApi(config);
useTestWorker(config);

describe('office branding', () => {
  it('puts the office name in the sender (platform address), replies to the office, its logo, colour and contact in the e-mail and on the page', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const supervisor = await env.admin.post('/api/admin/users', {
      tenantId: tenant.id,
      name: 'Sara Supervisora',
      email: freshEmail('sara'),
      role: 'supervisor',
      sendInvitation: false,
    });
    const accountEmail = freshEmail('sara-console');
    await env.admin.post('/api/admin/admins', {
      email: accountEmail,
      name: 'Sara',
      role: 'admin',
      password: 'office password 1',
      tenantUserId: supervisor.body.id,
    });
    const office = (await adminClient(env.url, accountEmail, 'office password 1')).client;
    const branding = {
      senderName: 'Escritório Silva',
      replyTo: 'atendimento@silva.example',
      logoUrl: 'https://silva.example/logo.png',
      accentColor: '#2e7d32',
      supportContact: '(11) 3333-4444',
    };
    // The office brands itself; a bad value is named and changes nothing.
    const bad = await office.put(`/api/admin/tenants/${tenant.id}`, {
      branding: { ...branding, logoUrl: 'http://silva.example/logo.png', accentColor: 'green' },
    });
    expect([bad.status, bad.body.error.fields.map((field: { path: string }) => field.path).sort()]).toEqual([
      400,
      ['branding.accentColor', 'branding.logoUrl'],
    ]);
    const set = await office.put(`/api/admin/tenants/${tenant.id}`, { branding });
    expect([set.status, set.body.branding]).toEqual([200, branding]);

    const email = freshEmail('convidada');
    await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Clara Convidada', email, locale: 'pt-BR' });
    const [invitation] = await waitForMessages(email, 1);
    expect(invitation!.headers.from).toBe('"Escritório Silva via Accounts" <no-reply@accounts.test>');
    expect(invitation!.headers['reply-to']).toContain('atendimento@silva.example');
    expect(invitation!.html).toContain('src="https://silva.example/logo.png"');
    expect(invitation!.html).toContain('background:#2e7d32');
    expect(invitation!.text).toContain('Dúvidas? Fale com');
    expect(invitation!.text).toContain('(11) 3333-4444');

    // The console's preview renders the same: the office's sender, reply-to and look.
    const preview = (await office.get(`/api/admin/tenants/${tenant.id}/email-preview?template=invitation&locale=pt-BR`)).body;
    expect(preview).toMatchObject({ from: invitation!.headers.from, replyTo: 'atendimento@silva.example', subject: invitation!.subject });
    expect(preview.html).toContain('background:#2e7d32');

    const page = (await env.anonymous.get(`/api/public/invitations/${registrationLink(invitation!).token}`)).body;
    expect(page).toMatchObject({
      tenantName: tenant.name,
      branding: { logoUrl: branding.logoUrl, accentColor: branding.accentColor, supportContact: branding.supportContact },
    });

    // Back to the platform's look: the office's name still the sender, no reply-to.
    const reset = await office.put(`/api/admin/tenants/${tenant.id}`, {
      branding: { senderName: null, replyTo: null, logoUrl: null, accentColor: null, supportContact: null },
    });
    expect(Object.values(reset.body.branding)).toEqual([null, null, null, null, null]);
    const other = freshEmail('outra');
    await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Otília', email: other, locale: 'en' });
    const [plain] = await waitForMessages(other, 1);
    expect(plain!.headers.from).toBe(`"${tenant.name} via Accounts" <no-reply@accounts.test>`);
    expect(plain!.headers['reply-to']).toBeUndefined();
    expect(plain!.html).not.toContain('<img');
  });

  it('keeps the From header a plain display name on the platform address', () => {
    expect(brandedFrom('Accounts <no-reply@accounts.test>', 'Escritório "Silva" <x@evil.example>')).toBe(
      '"Escritório Silva x@evil.example via Accounts" <no-reply@accounts.test>',
    );
    expect(brandedFrom('no-reply@accounts.test', 'Silva')).toBe('"Silva" <no-reply@accounts.test>');
  });
});
