import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { screenshot } from './support/browser.js';
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
