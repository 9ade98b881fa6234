import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// A worker delivers the events; reminders out of the way.
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m', WEBHOOK_RETRY_INITIAL: '200ms', WEBHOOK_RETRY_MAX_INTERVAL: '1s' });
let stack: BrowserStack;
let admin: Page;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startBrowserStack(config, { worker: true });
  admin = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await signInToAdmin(admin, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe('webhooks in the console', () => {
  const url = () => receiver.url('/console');
  let secret = '';

  it('creates an endpoint and shows its signing secret once, in a dialog with a copy button', async () => {
    await admin.getByRole('menuitem', { name: 'Webhooks', exact: true }).click();
    await admin.waitForURL(/\/webhooks$/);
    await admin.getByRole('link', { name: 'Create' }).click();
    await admin.fill('input[name="url"]', url());
    await admin.fill('input[name="description"]', 'Help desk');
    await admin.getByLabel('user.invited').check();
    await screenshot(admin, 'webhook-create');
    await admin.click('button[type="submit"]');
    const dialog = admin.getByTestId('new-webhook-secret-dialog');
    await dialog.waitFor();
    secret = (await dialog.getByTestId('new-webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await dialog.textContent()).toContain('It will not be shown again');
    await dialog.getByTestId('copy-secret').waitFor();
    await screenshot(admin, 'webhook-secret');
    await dialog.getByRole('button', { name: 'I have stored the secret' }).click();
    await admin.waitForURL(/\/webhooks\/[0-9a-f]{24}\/show$/);
    await admin.getByText('No event sent to this webhook yet.').waitFor();
    expect(await admin.content()).not.toContain(secret.slice(6));
  });

  it('logs the delivery of an event with its status, attempts and answer, and resends it with the same webhook-id', async () => {
    const tenant = await apiTenant(stack.adminApi, '/api/admin/tenants');
    await stack.adminApi.post('/api/admin/users', { tenantId: tenant.id, name: 'Wanda Webhook', email: freshEmail('wanda'), sendInvitation: true });
    const [first] = await eventually(() => {
      expect(receiver.at('/console')).toHaveLength(1);
      return receiver.at('/console');
    });
    const headers = { 'webhook-id': first!.id, 'webhook-timestamp': first!.timestamp, 'webhook-signature': first!.signature };
    expect(new Webhook(secret).verify(first!.body, headers)).toMatchObject({ type: 'user.invited', data: { name: 'Wanda Webhook' } });

    const log = admin.getByTestId('delivery-log');
    const row = log.locator('tbody tr', { hasText: first!.id });
    await row.locator('[data-delivery-status="delivered"]').waitFor({ timeout: 15_000 });
    // Event, status, attempts, last answer, next attempt, last error.
    const cells = async () => (await row.locator('td').allTextContents()).slice(1, 7);
    expect(await cells()).toEqual(['user.invited', 'Delivered', '1', '200', '—', '—']);
    await screenshot(admin, 'webhook-delivery-log');

    await row.getByRole('button', { name: 'Resend' }).click();
    await admin.getByText('Sending again now, with the same webhook-id').waitFor();
    await eventually(() => expect(receiver.at('/console')).toHaveLength(2));
    expect(new Set(receiver.at('/console').map((request) => request.id))).toEqual(new Set([first!.id]));
    // The log refreshes itself: the second attempt shows without reloading.
    await eventually(async () => expect(await cells()).toEqual(['user.invited', 'Delivered', '2', '200', '—', '—']), { timeoutMs: 15_000 });
  });

  it('lists the endpoint without its secret', async () => {
    await admin.getByRole('menuitem', { name: 'Webhooks', exact: true }).click();
    const row = admin.locator('tbody tr', { hasText: 'Help desk' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(url());
    expect(text).toContain('Every tenant');
    expect(text).toContain('user.invited');
    expect(await admin.content()).not.toContain(secret.slice(6));
    await screenshot(admin, 'webhooks-list');
  });
});
