import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';
import { screenshot } from './support/browser.js';
import { chooseAutocomplete, signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// Keys and accounts need no lifecycle: no worker.
const config = testConfig();
let stack: BrowserStack;
let admin: Page;

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: false });
  admin = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await signInToAdmin(admin, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
});

const menuEntry = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true });
/**
 * Opens a menu entry and waits for its page. A click that lands while the menu re-renders (the
 * page before it still loading, beside CI's other lanes) can go nowhere, as a person's can: then
 * it is clicked again, as a person would.
 */
async function openFromMenu(page: Page, name: string, url: RegExp) {
  for (let attempt = 1; ; attempt++) {
    await menuEntry(page, name).click();
    try {
      return await page.waitForURL(url, { timeout: 10_000 });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe('API keys in the console', () => {
  const name = `ERP ${randomUUID().slice(0, 6)}`;
  let key = '';

  it('creates a key and shows it once, in a dialog with a copy button and a warning', async () => {
    await openFromMenu(admin, 'API keys', /\/api-keys$/);
    await admin.getByRole('link', { name: 'Create' }).click();
    await admin.fill('input[name="name"]', name);
    // Left empty, the office picker makes a platform key.
    await admin.getByText('Empty: a platform key').waitFor();
    await admin.click('button[type="submit"]');
    const dialog = admin.getByTestId('new-api-key-dialog');
    await dialog.waitFor();
    key = (await dialog.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
    expect(await dialog.textContent()).toContain('It will not be shown again');
    await dialog.getByTestId('copy-secret').waitFor();
    await screenshot(admin, 'api-key-created');
    await dialog.getByRole('button', { name: 'I have stored the key' }).click();
    await admin.waitForURL(/\/api-keys$/);
  });

  it('lists the key by its prefix and creator, never the key itself', async () => {
    const row = admin.locator('tbody tr', { hasText: name });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`${key.slice(0, 10)}…`);
    expect(text).toContain(stack.admin.email);
    expect(text).toContain('Never');
    expect(text).toContain('Platform key — reaches every office');
    expect(await admin.content()).not.toContain(key);
    await screenshot(admin, 'api-keys-list');
  });

  it('the key works on /api/v1; once revoked in the console, the next call is refused', async () => {
    const integration = apiClient(stack.url, { headers: { authorization: `Bearer ${key}` } });
    expect((await integration.get('/api/v1/tenants')).status).toBe(200);

    const row = admin.locator('tbody tr', { hasText: name });
    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = admin.getByRole('dialog');
    await confirm.getByText(`Revoke the key "${name}"?`).waitFor();
    expect(await confirm.textContent()).toContain('refused (401) from its next call on');
    await screenshot(admin, 'api-key-revoke-confirmation');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.locator('[data-key-status="revoked"]').waitFor();
    expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    const refused = await integration.get('/api/v1/tenants');
    expect(refused.status).toBe(401);
  });
});

describe('admin accounts in the console', () => {
  const viewer = { email: `vera-${randomUUID().slice(0, 6)}@example.test`, password: 'first viewer pass 1' };
  let generated = '';

  it('creates a viewer account with a password typed twice', async () => {
    await openFromMenu(admin, 'Admin accounts', /\/admins$/);
    await admin.locator('tbody tr', { hasText: stack.admin.email }).waitFor();
    await screenshot(admin, 'admins-list');
    await admin.getByRole('link', { name: 'Create' }).click();
    await admin.fill('input[name="email"]', viewer.email);
    await admin.fill('input[name="name"]', 'Vera Viewer');
    await admin.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Viewer (reads only)' }).click();
    await admin.fill('input[name="password"]', viewer.password);
    await admin.fill('input[name="passwordConfirmation"]', 'not the same 1');
    await admin.click('button[type="submit"]');
    await admin.getByText('Must match the password').waitFor();
    await admin.fill('input[name="passwordConfirmation"]', viewer.password);
    await screenshot(admin, 'admin-create');
    await admin.click('button[type="submit"]');
    await admin.waitForURL(/\/admins\/[0-9a-f]{24}\/show$/);
    await admin.getByText('Viewer (reads only)').waitFor();
    await admin.getByText('Platform (no tenant)').waitFor();
  });

  it('resets its password to a generated one, shown once', async () => {
    await admin.getByRole('button', { name: 'Reset password' }).click();
    const dialog = admin.getByTestId('reset-password-dialog');
    await dialog.getByLabel('Generate one').check();
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const shown = admin.getByTestId('generated-password-dialog');
    generated = (await shown.getByTestId('generated-password').textContent()) ?? '';
    expect(generated).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await shown.textContent()).toContain('it will not be shown again');
    await screenshot(admin, 'admin-password-generated');
    await shown.getByRole('button', { name: 'Done' }).click();
    const refused = await apiClient(stack.url).post('/api/admin/auth/login', viewer);
    expect(refused.status).toBe(401);
  });

  it('signs in as the viewer, who sees neither accounts nor keys', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, { email: viewer.email, password: generated });
    await menuEntry(page, 'Users').waitFor();
    expect(await menuEntry(page, 'Admin accounts').count()).toBe(0);
    expect(await menuEntry(page, 'API keys').count()).toBe(0);
    await screenshot(page, 'viewer-menu');
    // Typing the address gets no list either: the resource is not registered for a viewer.
    await page.goto(`${stack.url}/api-keys`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('tbody tr').count()).toBe(0);
    await page.close();
  });

  it('edits the account: links it to a tenant user found by search, and disables it', async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan: 'essential' });
    const surname = `Linkson${randomUUID().slice(0, 4)}`;
    const user = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.body.id,
      name: `${surname} Lia`,
      email: `lia-${randomUUID().slice(0, 6)}@example.test`,
      sendInvitation: false,
    });
    await admin.getByRole('link', { name: 'Edit', exact: true }).click();
    await admin.waitForURL(/\/admins\/[0-9a-f]{24}$/);
    const accountId = /\/admins\/([0-9a-f]{24})$/.exec(admin.url())![1]!;
    await chooseAutocomplete(admin, 'tenantUserId', surname);
    await admin.getByLabel('Disabled').check();
    await screenshot(admin, 'admin-edit');
    await admin.click('button[type="submit"]');
    await admin.waitForURL(/\/admins\/[0-9a-f]{24}\/show$/);
    await admin.getByText(`${surname} Lia`).waitFor();
    const account = (await stack.adminApi.get(`/api/admin/admins/${accountId}`)).body;
    expect(account).toMatchObject({ disabled: true, tenantUserId: user.body.id, tenantId: tenant.body.id, role: 'viewer' });
    expect((await apiClient(stack.url).post('/api/admin/auth/login', { email: viewer.email, password: generated })).status).toBe(401);
  });
});

describe("an office's own admin account (linked to a tenant user)", () => {
  let page: Page;
  let tenant: { id: string; name: string };
  let keyName = '';

  beforeAll(async () => {
    tenant = (await stack.adminApi.post('/api/admin/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan: 'essential' })).body;
    const user = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.id,
      name: 'Tia Tenant',
      email: `tia-${randomUUID().slice(0, 6)}@example.test`,
      sendInvitation: false,
    });
    const linked = { email: `tia-console-${randomUUID().slice(0, 6)}@example.test`, password: 'tenant admin pass 1' };
    expect((await stack.adminApi.post('/api/admin/admins', { ...linked, name: 'Tia (console)', role: 'admin', tenantUserId: user.body.id })).status).toBe(201);
    page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, linked, 'office');
  });
  afterAll(async () => {
    await page?.close();
  });

  it('has no tenant list and no console accounts in its menu, and "My office" instead', async () => {
    await menuEntry(page, 'My office').waitFor();
    for (const label of ['Tenants', 'Admin accounts']) expect(await menuEntry(page, label).count(), label).toBe(0);
    await menuEntry(page, 'API keys').waitFor();
    await screenshot(page, 'office-account-menu');
    // Typing the addresses gets no list either: neither route is registered for an office's account.
    for (const path of ['/tenants', '/admins']) {
      await page.goto(`${stack.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('tbody tr').count(), path).toBe(0);
    }
  });

  it("opens its office's page, and changes its self-signup only", async () => {
    await openFromMenu(page, 'My office', new RegExp(`/tenants/${tenant.id}/show$`));
    await page.getByText(tenant.name, { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(new RegExp(`/tenants/${tenant.id}$`));
    await page.getByTestId('office-settings-note').getByText("changed by the vendor's support").waitFor();
    expect(await page.locator('input[name="name"]').getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Self-signup').check();
    await screenshot(page, 'office-account-settings');
    await page.click('button[type="submit"]');
    await page.waitForURL(new RegExp(`/tenants/${tenant.id}/show$`));
    expect((await stack.adminApi.get(`/api/admin/tenants/${tenant.id}`)).body).toMatchObject({ name: tenant.name, plan: 'essential', selfSignup: true });
  });

  it('makes an API key, with no office to pick, that reaches its own office only', async () => {
    keyName = `Office ERP ${randomUUID().slice(0, 6)}`;
    await openFromMenu(page, 'API keys', /\/api-keys$/);
    await page.getByRole('link', { name: 'Create', exact: true }).click();
    await page.fill('input[name="name"]', keyName);
    expect(await page.locator('input[name="tenantId"]').count()).toBe(0);
    await page.click('button[type="submit"]');
    const dialog = page.getByTestId('new-api-key-dialog');
    const key = (await dialog.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^ak_/);
    await dialog.getByRole('button', { name: 'I have stored the key' }).click();
    await page.waitForURL(/\/api-keys$/);

    const row = page.locator('tbody tr', { hasText: keyName });
    await row.waitFor();
    // Its own office's keys only: no office column, and its own key revocable.
    expect(await page.getByRole('columnheader', { name: 'Office' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(1);
    const keys = (await stack.adminApi.get(`/api/admin/api-keys?filter=${encodeURIComponent(JSON.stringify({ tenantId: tenant.id }))}`)).body as {
      name: string;
      tenantId: string | null;
    }[];
    expect(keys.find((one) => one.name === keyName)?.tenantId).toBe(tenant.id);
    const tenants = await apiClient(stack.url, { headers: { authorization: `Bearer ${key}` } }).get('/api/v1/tenants');
    expect(tenants.body.items.map((one: { id: string }) => one.id)).toEqual([tenant.id]);
  });

  it('adds a user and a webhook to its office, with no office to pick', async () => {
    const email = `ola-${randomUUID().slice(0, 6)}@example.test`;
    await page.goto(`${stack.url}/users/create`);
    await page.fill('input[name="name"]', 'Ola Office');
    await page.fill('input[name="email"]', email);
    expect(await page.locator('input[name="tenantId"]').count()).toBe(0);
    await page.getByLabel('Send the invitation now').uncheck();
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/users\/[0-9a-f]{24}\/show$/);
    const userId = /\/users\/([0-9a-f]{24})\/show$/.exec(page.url())![1]!;
    expect((await stack.adminApi.get(`/api/admin/users/${userId}`)).body).toMatchObject({ email, tenantId: tenant.id });

    await page.goto(`${stack.url}/webhooks/create`);
    await page.fill('input[name="url"]', 'https://crm.example.test/hooks');
    expect(await page.locator('input[name="tenantId"]').count()).toBe(0);
    await page.click('button[type="submit"]');
    await page.getByTestId('new-webhook-secret-dialog').getByRole('button', { name: 'I have stored the secret' }).click();
    await page.waitForURL(/\/webhooks\/[0-9a-f]{24}\/show$/);
    const webhookId = /\/webhooks\/([0-9a-f]{24})\/show$/.exec(page.url())![1]!;
    expect((await stack.adminApi.get(`/api/admin/webhooks/${webhookId}`)).body).toMatchObject({ tenantId: tenant.id });
  });

  it('shows the platform account which office the key reaches', async () => {
    await openFromMenu(admin, 'API keys', /\/api-keys$/);
    const row = admin.locator('tbody tr', { hasText: keyName });
    await row.getByText(tenant.name).waitFor();
    await admin.getByRole('columnheader', { name: 'Office' }).waitFor();
  });
});

describe('API keys that expire, in the console', () => {
  it('makes a key that expires: a moment in the future, shown in the list', async () => {
    const expiring = `Contractor ${randomUUID().slice(0, 6)}`;
    await openFromMenu(admin, 'API keys', /\/api-keys$/);
    await admin.getByRole('link', { name: 'Create' }).click();
    await admin.fill('input[name="name"]', expiring);
    await admin.getByText('Empty: it never expires').waitFor();
    await admin.fill('input[name="expiresAt"]', '2020-01-01T10:00');
    await admin.click('button[type="submit"]');
    await admin.getByText('Choose a moment in the future').waitFor();
    await admin.fill('input[name="expiresAt"]', '2099-06-30T23:59');
    await admin.click('button[type="submit"]');
    const dialog = admin.getByTestId('new-api-key-dialog');
    await dialog.getByRole('button', { name: 'I have stored the key' }).click();
    await admin.waitForURL(/\/api-keys$/);
    const row = admin.locator('tbody tr', { hasText: expiring });
    await row.waitFor();
    expect(await admin.getByRole('columnheader', { name: 'Expires' }).count()).toBe(1);
    expect(await row.textContent()).toContain('2099');
    const keys = (await stack.adminApi.get('/api/admin/api-keys')).body as { name: string; expiresAt: string | null }[];
    // The browser's local time, as the input shows it; the same machine's zone here.
    expect(keys.find((one) => one.name === expiring)?.expiresAt).toBe(new Date('2099-06-30T23:59').toISOString());
  });
});
