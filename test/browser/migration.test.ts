import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { waitForMessages } from '../harness/mailbox-client.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

const config = testConfig({ REMINDER_SCHEDULE: '2m', INVITE_TTL: '5m' });
let stack: BrowserStack;
let page: Page;
let tenantId = '';
const domain = `${randomUUID().slice(0, 6)}.example.test`;
const emails = { supervisor: `ana@${domain}`, other: `bruno@${domain}`, member: `carla@${domain}` };

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: true });
  const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan: 'plus' });
  tenantId = tenant.body.id;
  // The seed's starting point: legacy users staged with proposed e-mails, one of them duplicated.
  const imported = await stack.adminApi.post(`/api/admin/tenants/${tenantId}/users/import`, [
    { code: 1, name: 'Ana Supervisor', role: 'supervisor', legacyUsername: 'ana', email: emails.supervisor },
    { code: 2, name: 'Bruno Supervisor', role: 'supervisor', legacyUsername: 'bruno', email: emails.other },
    { code: 3, name: 'Carla Member', role: 'member', legacyUsername: 'carla', email: emails.other },
  ]);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  await signInToAdmin(page, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
});

async function updateAccountsAs(label: RegExp) {
  await page.getByLabel('Update on behalf of').click();
  await page.getByRole('option', { name: label }).click();
  await page.getByRole('button', { name: 'Update accounts' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Update accounts' }).click();
}

describe('login migration screen, in a real browser', () => {
  it('shows the review with the duplicated e-mail, and lets the admin fix it', async () => {
    await page.goto(`${stack.url}/tenants/${tenantId}/show`);
    const review = page.getByTestId('migration-review');
    await review.locator('tr[data-code="3"] [data-problem="duplicateInTenant"]').waitFor();
    expect(await review.locator('[data-problem="duplicateInTenant"]').count()).toBe(2);
    await screenshot(page, 'migration-review-duplicate');

    await review.locator('tr[data-code="3"]').getByRole('button', { name: 'Fix the e-mail' }).click();
    await review.locator('input[name="proposedEmail-3"]').fill(emails.member);
    await review.locator('tr[data-code="3"]').getByRole('button', { name: 'Save' }).click();
    await review.locator('tr[data-code="3"]').getByText(emails.member).waitFor();
    expect(await review.locator('[data-problem]').count()).toBe(0);
  });

  it('refuses a supervisor who does not have the lowest code, naming who qualifies', async () => {
    await updateAccountsAs(/^2 · Bruno/);
    const refusal = page.getByTestId('migration-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('CLIENT_INELIGIBLE');
    expect(await refusal.textContent()).toMatch(/Client ineligible or user not qualified for account update.*Ana Supervisor \(code 1\)/);
    await screenshot(page, 'migration-ineligible');
  });

  it('runs the update for the qualified supervisor and shows its progress', async () => {
    await updateAccountsAs(/^1 · Ana/);
    const progress = page.locator('[data-testid="migration-progress"][data-run-status="completed"]');
    await progress.waitFor({ timeout: 60_000 });
    await page.locator('[data-counter="invited"] strong', { hasText: '3' }).waitFor({ timeout: 30_000 });
    // Started lifecycles leave the review (they are invited now).
    await page.getByText('No user waits for the migration', { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'migration-completed');
    for (const email of Object.values(emails)) await waitForMessages(email, 1);
  });
});
