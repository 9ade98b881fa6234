import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { cspViolations, screenshot } from './support/browser.js';
import { chooseAutocomplete, signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// A sync delay long enough to see "access is still being prepared", short enough to wait for Active.
const config = testConfig({ SYNC_DELAY: '8s', REMINDER_SCHEDULE: '2m', INVITE_TTL: '5m' });
let stack: BrowserStack;
let admin: Page;
let blocked: string[];

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: true });
  admin = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  blocked = cspViolations(admin);
});
afterAll(async () => {
  await stack?.stop();
});

describe('admin console and registration, in a real browser', () => {
  const tenantName = `Escritório ${randomUUID().slice(0, 6)}`;
  const email = `ana-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'senha-forte-2024';
  let userShowUrl = '';
  let token = '';

  it('signs in and shows the dashboard with a running worker', async () => {
    await signInToAdmin(admin, stack.url, stack.admin);
    await admin.waitForSelector('[data-testid="worker-ok"]', { timeout: 30_000 });
    await screenshot(admin, 'dashboard');
  });

  it('creates a tenant', async () => {
    await admin.goto(`${stack.url}/tenants/create`);
    await admin.fill('input[name="name"]', tenantName);
    await admin.click('button[type="submit"]');
    await admin.waitForURL(/\/tenants\/[0-9a-f]{24}\/show$/);
    await admin.getByText(tenantName).first().waitFor();
    await admin.getByTestId('migration-panel').waitFor();
    await screenshot(admin, 'tenant-show');
  });

  it('creates a user, who shows as "Awaiting activation"', async () => {
    await admin.goto(`${stack.url}/users/create`);
    await chooseAutocomplete(admin, 'tenantId', tenantName);
    await admin.fill('input[name="name"]', 'Ana Souza');
    await admin.fill('input[name="email"]', email);
    // The invitation goes out in Portuguese; the registration page must follow it.
    await admin.getByRole('combobox', { name: 'Language' }).click();
    await admin.getByRole('option', { name: 'Português (Brasil)' }).click();
    expect(await admin.locator('input[name="sendInvitation"]').isChecked()).toBe(true);
    await screenshot(admin, 'user-create');
    await admin.click('button[type="submit"]');
    await admin.waitForURL(/\/users\/[0-9a-f]{24}\/show$/);
    userShowUrl = admin.url();
    await admin.locator('[data-status="invited"]', { hasText: 'Awaiting activation' }).first().waitFor({ timeout: 30_000 });
    await admin.getByTestId('temporal-link').waitFor();
    await screenshot(admin, 'user-awaiting-activation');

    await admin.goto(`${stack.url}/users`);
    await admin.fill('input[name="q"]', 'ana souza');
    await admin.locator('tbody tr', { hasText: email }).locator('[data-status="invited"]').waitFor();
    await screenshot(admin, 'users-list');
  });

  it('delivers the invitation e-mail with a registration link', async () => {
    const [invitation] = await waitForMessages(email, 1);
    token = registrationLink(invitation!).token;
    expect(token).toHaveLength(43);
  });

  it('registers on the public page, in the invitation language', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'en-US' });
    await page.goto(`${stack.url}/register/${token}`);
    await page.getByTestId('account-information').getByText(email).waitFor();
    await page.getByRole('heading', { name: 'Crie sua senha' }).waitFor();
    await page.fill('input[name="password"]', 'short1');
    await page.fill('input[name="passwordConfirmation"]', 'short1');
    expect(await page.getByRole('button', { name: 'Registrar-me' }).isDisabled()).toBe(true);
    await page.fill('input[name="password"]', password);
    await page.fill('input[name="passwordConfirmation"]', password);
    await screenshot(page, 'register-form');
    await page.getByRole('button', { name: 'Registrar-me' }).click();
    await page.getByTestId('registered').waitFor();
    expect(await page.getByTestId('registered').textContent()).toMatch(/O acesso vai funcionar em cerca de 1 minuto/);
    await screenshot(page, 'register-done');

    // The platform's sign-in page (SIGN_IN_URL, here PUBLIC_URL's http://app.test/sign-in): this service's own check, at the stack's address.
    expect(await page.getByRole('link', { name: 'Ir para o login' }).getAttribute('href')).toBe(config.signInUrl);
    await page.goto(`${stack.url}/sign-in?${new URLSearchParams({ email, locale: 'pt-BR' })}`);
    await page.fill('input[name="password"]', password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByTestId('sign-in-outcome').getByText('Seu acesso ainda está sendo preparado', { exact: false }).waitFor();
    await screenshot(page, 'sign-in-pending');

    // The link is single-use: opening it again says so.
    await page.goto(`${stack.url}/register/${token}`);
    await page.locator('[data-problem="INVITATION_USED"]').waitFor();
    await screenshot(page, 'register-link-used');
    await page.close();
  });

  it('shows the user as Active after the sync delay, with the lifecycle timeline', async () => {
    await admin.goto(userShowUrl);
    await admin.locator('[data-status="active"]', { hasText: 'Active' }).first().waitFor({ timeout: 45_000 });
    await admin.getByTestId('lifecycle-timeline').getByText('Access granted').waitFor({ timeout: 10_000 });
    await admin.getByTestId('live-lifecycle').locator('[data-status="active"]').waitFor({ timeout: 10_000 });
    await screenshot(admin, 'user-active');

    const page = await stack.browser.newPage({ locale: 'en-US' });
    await page.goto(`${stack.url}/sign-in?email=${encodeURIComponent(email)}`);
    await page.fill('input[name="password"]', password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-outcome').getByText('Your access is ready', { exact: false }).waitFor();
    await page.close();
  });

  it('warns that an e-mail change sends a new invitation, and says what a deletion takes along', async () => {
    await admin.goto(userShowUrl.replace(/\/show$/, ''));
    await admin.fill('input[name="email"]', `ana.souza-${randomUUID().slice(0, 6)}@example.test`);
    await admin.getByTestId('email-change-warning').getByText('a new invitation', { exact: false }).waitFor();
    await screenshot(admin, 'user-edit-email-warning');

    await admin.goto(userShowUrl);
    await admin.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Delete Ana Souza?').waitFor();
    expect(await dialog.textContent()).toMatch(/password, every invitation link.*Kept: the audit trail/);
    await screenshot(admin, 'user-delete-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('lists the e-mails and the audit trail', async () => {
    await admin.goto(`${stack.url}/emails`);
    await admin.locator('tbody tr', { hasText: email }).first().waitFor();
    await screenshot(admin, 'email-log');
    await admin.locator('tbody tr', { hasText: 'Invitation' }).filter({ hasText: email }).first().click();
    const preview = admin.getByTestId('email-preview');
    await preview.waitFor();
    expect(await preview.textContent()).not.toContain(token);
    await screenshot(admin, 'email-show');
    await admin.goto(`${stack.url}/audit`);
    await admin.getByText('User created').first().waitFor();
    await screenshot(admin, 'audit-log');
  });

  it('switches the console to Portuguese', async () => {
    await admin.goto(`${stack.url}/`);
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('menuitem', { name: 'Português (Brasil)' }).click();
    await admin.getByText('Usuários por status').waitFor();
    await screenshot(admin, 'dashboard-pt-BR');
  });

  it('ran every screen above under the Content-Security-Policy without a violation', async () => {
    const response = await admin.goto(`${stack.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(blocked).toEqual([]);
  });
});
