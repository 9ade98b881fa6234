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

describe('API keys in the console', () => {
  const name = `ERP ${randomUUID().slice(0, 6)}`;
  let key = '';

  it('creates a key and shows it once, in a dialog with a copy button and a warning', async () => {
    await menuEntry(admin, 'API keys').click();
    await admin.waitForURL(/\/api-keys$/);
    await admin.getByRole('link', { name: 'Create' }).click();
    await admin.fill('input[name="name"]', name);
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
    await menuEntry(admin, 'Admin accounts').click();
    await admin.waitForURL(/\/admins$/);
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

describe('a tenant-linked admin account', () => {
  it('reads accounts and keys but gets no button that manages them', async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan: 'essential' });
    const user = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.body.id,
      name: 'Tia Tenant',
      email: `tia-${randomUUID().slice(0, 6)}@example.test`,
      sendInvitation: false,
    });
    const linked = { email: `tia-console-${randomUUID().slice(0, 6)}@example.test`, password: 'tenant admin pass 1' };
    expect((await stack.adminApi.post('/api/admin/admins', { ...linked, name: 'Tia (console)', role: 'admin', tenantUserId: user.body.id })).status).toBe(201);

    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, linked);
    await menuEntry(page, 'Admin accounts').click();
    const row = page.locator('tbody tr', { hasText: linked.email });
    await row.getByText('Tia Tenant').waitFor();
    await screenshot(page, 'admins-list-tenant-account');
    for (const label of ['Create', 'Edit']) expect(await page.getByRole('link', { name: label, exact: true }).count(), label).toBe(0);
    await row.click();
    await page.waitForURL(/\/admins\/[0-9a-f]{24}\/show$/);
    await page.getByText('Tia (console)', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Reset password' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(0);

    await menuEntry(page, 'API keys').click();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: 'Create', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await page.close();
  });
});
