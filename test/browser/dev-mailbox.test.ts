import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../embedded/child-process.js';
import { startMailDev } from '../../embedded/maildev.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { screenshot } from './support/browser.js';
import { startBrowserStack, type BrowserStack } from './support/stack.js';

/** `npm start`'s dev mailbox (MailDev) receiving the worker's real SMTP, read in a real browser. */
let mailDev: Awaited<ReturnType<typeof startMailDev>>;
let stack: BrowserStack;

beforeAll(async () => {
  const [smtpPort, webPort] = await Promise.all([freePort(), freePort()]);
  mailDev = await startMailDev({ smtpPort, webPort });
  stack = await startBrowserStack(testConfig({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' }), { worker: true });
});
afterAll(async () => {
  await stack?.stop();
  await mailDev?.child.stop();
});

describe('the dev mailbox', () => {
  it('shows the invitation as the user sees it, with its registration link', async () => {
    const tenant = await apiTenant(stack.adminApi, '/api/admin/tenants');
    const email = `conceicao-${randomUUID().slice(0, 8)}@example.test`;
    expect((await stack.adminApi.post('/api/admin/users', { tenantId: tenant.id, name: 'Maria Conceição', email })).status).toBe(201);
    const subject = `Activate your ${tenant.name} account`;
    // MailDev's REST API: the e-mail arrived over SMTP.
    await eventually(async () => {
      const inbox = (await (await fetch(`${mailDev.url}/api/email`)).json()) as { subject: string; to: { address: string }[] }[];
      expect(inbox.some((message) => message.subject === subject && message.to.some((to) => to.address === email))).toBe(true);
    });

    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(mailDev.url);
    await page.getByText(subject).first().click();
    // The HTML part renders in MailDev's frame: the greeting and the button with the link.
    const body = page.frameLocator('iframe').first();
    await body.getByText('Maria Conceição', { exact: false }).first().waitFor();
    const link = await body.locator('a[href*="/register/"]').first().getAttribute('href');
    expect(link).toMatch(/\/register\/[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'dev-mailbox');
  });
});
