import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimTokenModel } from '../../data/models/index.js';
import { apiClient } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// Tokens need no lifecycle: no worker.
const config = testConfig();
let stack: BrowserStack;
let admin: Page;

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: false });
  admin = await stack.browser.newPage({ viewport: { width: 1400, height: 1100 }, locale: 'en-US' });
  await signInToAdmin(admin, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
});

describe('SCIM tokens on the tenant page', () => {
  it('creates a token shown once with the base URL; it provisions; revoked, it is refused', async () => {
    const tenant = await apiTenant(stack.adminApi, '/api/admin/tenants');
    await admin.goto(`${stack.url}/tenants/${tenant.id}/show`);
    const card = admin.getByTestId('scim-card');
    await card.getByText('No SCIM token yet.').waitFor();
    await card.getByRole('button', { name: 'New SCIM token' }).click();
    await admin.fill('input[name="scimTokenName"]', 'Okta');
    await admin.getByRole('dialog').getByRole('button', { name: 'New SCIM token' }).click();

    const dialog = admin.getByTestId('new-scim-token-dialog');
    await dialog.waitFor();
    const token = (await dialog.getByTestId('new-scim-token').textContent()) ?? '';
    expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(await dialog.getByTestId('new-scim-base-url').textContent()).toBe(`${config.publicUrl}/scim/v2`);
    await screenshot(admin, 'scim-token-created');
    await dialog.getByRole('button', { name: 'I have stored the token' }).click();
    // Only its hash is kept, and the page never shows it again.
    expect(JSON.stringify(await ScimTokenModel.findOne({ tenantId: tenant.id }).lean())).not.toContain(token);
    await card
      .getByTestId('scim-token-row')
      .filter({ hasText: `${token.slice(0, 12)}…` })
      .waitFor();
    expect(await admin.content()).not.toContain(token);

    const scim = apiClient(`${stack.url}/scim/v2`, { headers: { authorization: `Bearer ${token}` } });
    expect((await scim.get('/Users')).status).toBe(200);

    await card.getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await card.getByText('Revoked').waitFor();
    expect((await scim.get('/Users')).status).toBe(401);
  });

  it('is not shown to a viewer, and a viewer cannot read the tokens through the API', async () => {
    const tenant = await apiTenant(stack.adminApi, '/api/admin/tenants');
    const viewer = await stack.adminApi.post('/api/admin/admins', {
      email: `viewer-${tenant.id}@example.test`,
      name: 'Vera Viewer',
      role: 'viewer',
      password: 'viewer password 1',
    });
    expect(viewer.status).toBe(201);
    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, { email: `viewer-${tenant.id}@example.test`, password: 'viewer password 1' });
    await page.goto(`${stack.url}/tenants/${tenant.id}/show`);
    await page.getByTestId('migration-panel').waitFor();
    expect(await page.getByTestId('scim-card').count()).toBe(0);
    const login = await fetch(`${stack.url}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `viewer-${tenant.id}@example.test`, password: 'viewer password 1' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await apiClient(stack.url, { headers: { cookie } }).get(`/api/admin/tenants/${tenant.id}/scim-tokens`)).status).toBe(403);
  });
});
