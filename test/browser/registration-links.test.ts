import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { cspViolations, screenshot } from './support/browser.js';
import { startBrowserStack, type BrowserStack } from './support/stack.js';

// Links live 8 s, with no reminder in between, so the link of each e-mail is that of its invitation.
const config = testConfig({ INVITE_TTL: '8s', REMINDER_SCHEDULE: '7s' });
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: true });
});
afterAll(async () => {
  await stack?.stop();
});

/** The link of the newest e-mail to this address that carries one, once it differs from `previous`. */
async function newestLink(email: string, previous: string[] = []) {
  return eventually(
    async () => {
      const tokens = (await messagesTo(email)).flatMap((message) => (/\/register\//.test(message.text) ? [registrationLink(message).token] : []));
      const token = tokens.at(-1);
      expect(token && !previous.includes(token), 'a new registration link').toBe(true);
      return token!;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

describe('dead registration links, in a real browser', () => {
  it('explains a superseded and an expired link, and sends a new one on request from the expired one only', async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan: 'essential' });
    const email = `dora-${randomUUID().slice(0, 8)}@example.test`;
    const user = await stack.adminApi.post('/api/admin/users', { tenantId: tenant.body.id, name: 'Dora Lima', email, locale: 'en' });
    expect(user.status).toBe(201);
    await waitForMessages(email, 1);
    const first = await newestLink(email);

    // An admin resends: the first link is replaced. (Resend on a user whose projection still says
    // "staged" only starts the lifecycle, which already runs; so wait until it says "invited".)
    await eventually(async () => expect((await stack.adminApi.get(`/api/admin/users/${user.body.id}`)).body.status).toBe('invited'), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect((await stack.adminApi.post(`/api/admin/users/${user.body.id}/resend`)).status).toBe(202);
    const second = await newestLink(email, [first]);
    const page = await stack.browser.newPage({ viewport: { width: 900, height: 800 }, locale: 'en-US' });
    await page.goto(`${stack.url}/register/${first}`);
    const superseded = page.locator('[data-problem="INVITATION_SUPERSEDED"]');
    await superseded.getByText('A newer invitation replaced this link').waitFor();
    // Only the newest link may ask for a new one (once expired): this one points to the newest e-mail.
    await superseded.getByText('Use the link in the most recent e-mail').waitFor();
    expect(await superseded.getByRole('button', { name: 'Send me a new link' }).count()).toBe(0);
    await screenshot(page, 'register-link-superseded');

    // Nobody registers: the second link expires.
    await eventually(async () => expect((await stack.adminApi.get(`/api/admin/users/${user.body.id}`)).body.status).toBe('expired'), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    await page.goto(`${stack.url}/register/${second}`);
    const expired = page.locator('[data-problem="INVITATION_EXPIRED"]');
    await expired.getByText('This invitation has expired').waitFor();
    await screenshot(page, 'register-link-expired');
    await expired.getByRole('button', { name: 'Send me a new link' }).click();
    await page.getByTestId('renew-sent').waitFor();
    await screenshot(page, 'register-link-renewed');

    const third = await newestLink(email, [first, second]);
    await page.goto(`${stack.url}/register/${third}`);
    await page.getByTestId('account-information').getByText(email).waitFor();
    await page.close();
  });
});

describe('a registration page that looks like the office, in a real browser', () => {
  it("shows the office's logo, its colour on the button and whom to ask, in both languages, under the CSP", async () => {
    const office = `Escritório ${randomUUID().slice(0, 6)}`;
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: office, plan: 'essential' });
    const branding = { logoUrl: 'https://logo.example/escritorio.png', accentColor: '#2e7d32', supportContact: '(11) 3333-4444' };
    const branded = await stack.adminApi.put(`/api/admin/tenants/${tenant.body.id}`, { branding });
    expect(branded.status, JSON.stringify(branded.body)).toBe(200);
    const email = `bia-${randomUUID().slice(0, 8)}@example.test`;
    await stack.adminApi.post('/api/admin/users', { tenantId: tenant.body.id, name: 'Bia Reis', email, locale: 'pt-BR' });
    const token = await newestLink(email);

    const page = await stack.browser.newPage({ viewport: { width: 420, height: 860 }, locale: 'en-US' });
    const blocked = cspViolations(page);
    await page.goto(`${stack.url}/register/${token}`);
    await page.getByTestId('account-information').getByText(email).waitFor();
    // The invitation's language, its office's logo (named by the office), colour and contact.
    await page.getByRole('heading', { name: 'Crie sua senha' }).waitFor();
    expect(await page.getByRole('img', { name: office }).getAttribute('src')).toBe(branding.logoUrl);
    await page.getByText(`Dúvidas? Fale com ${office}: (11) 3333-4444`).waitFor();
    const register = page.getByRole('button', { name: 'Registrar-me' });
    // The test's own types have no DOM: the browser's getComputedStyle, as the page runs it.
    const background = await register.evaluate(
      (button) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(button).backgroundColor,
    );
    expect(background).toBe('rgb(46, 125, 50)');
    await page.fill('input[name="password"]', 'abc');
    expect(await page.getByTestId('password-rules').locator('li[data-ok="true"]').count()).toBe(0);
    await page.fill('input[name="password"]', 'senha-forte-2024');
    expect(await page.getByTestId('password-rules').locator('li[data-ok="true"]').count()).toBe(2);
    await screenshot(page, 'register-branded');

    // Switching the language keeps what was typed.
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Create your password' }).waitFor();
    await page.getByText(`Questions? Contact ${office}: (11) 3333-4444`).waitFor();
    expect(await page.inputValue('input[name="password"]')).toBe('senha-forte-2024');
    expect(blocked).toEqual([]);
    await page.close();
  });
});
