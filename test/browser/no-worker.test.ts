import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// No worker polls this file's task queue: nothing is sent, and the console must say so.
const config = testConfig();
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: false });
});
afterAll(async () => {
  await stack?.stop();
});

describe('admin console without a worker', () => {
  it('shows the "start the worker" banner on the dashboard', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, stack.admin);
    const banner = page.getByTestId('worker-down');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('E-mails are not being sent: start the worker');
    await screenshot(page, 'dashboard-no-worker');
    await page.close();
  });

  it('tells an office, in its own words, that invitations wait for the communication agent', async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: 'Escritório Parado', plan: 'essential' });
    const supervisor = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.body.id,
      name: 'Sara Supervisora',
      email: 'sara@escritorio-parado.test',
      role: 'supervisor',
      sendInvitation: false,
    });
    const office = { email: 'sara.console@escritorio-parado.test', password: 'escritorio senha 2' };
    expect((await stack.adminApi.post('/api/admin/admins', { ...office, name: 'Sara', role: 'admin', tenantUserId: supervisor.body.id })).status).toBe(201);

    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'pt-BR' });
    await signInToAdmin(page, stack.url, office, 'office');
    const notice = page.getByTestId('agent-stopped');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('O agente de comunicação está parado');
    expect(await notice.textContent()).toContain('nada se perde');
    expect((await page.locator('#main-content').innerText()).toLowerCase()).not.toMatch(/worker|fila|npm|temporal/);
    // The review says it too, where "Atualizar Contas" is pressed.
    await page.getByRole('link', { name: 'Configurar agora' }).click();
    await page.getByTestId('office-review').getByTestId('agent-stopped').waitFor();
    await screenshot(page, 'office-agent-stopped');
    await page.close();
  });

  it('gives a viewer no write buttons', async () => {
    const viewer = { email: 'viewer@example.test', password: 'viewer-password-1' };
    const created = await stack.adminApi.post('/api/admin/admins', { ...viewer, name: 'Vera Viewer', role: 'viewer' });
    expect(created.status).toBe(201);
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: 'Viewer Office', plan: 'essential' });
    const user = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.body.id,
      name: 'Staged Sam',
      email: 'sam@example.test',
      sendInvitation: false,
    });
    expect(user.status).toBe(201);

    const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await signInToAdmin(page, stack.url, viewer);
    await page.goto(`${stack.url}/users`);
    await page.locator('tbody tr', { hasText: 'sam@example.test' }).waitFor();
    for (const label of ['Create', 'Edit', 'Delete', 'Send invitation']) {
      const controls = page.getByRole('button', { name: label, exact: true }).or(page.getByRole('link', { name: label, exact: true }));
      expect(await controls.count(), label).toBe(0);
    }
    await screenshot(page, 'users-viewer');
    await page.close();
  });

  it('shows a clear page for an unknown registration link', async () => {
    const page = await stack.browser.newPage({ locale: 'en-US' });
    await page.goto(`${stack.url}/register/${'x'.repeat(43)}`);
    await page.locator('[data-problem="INVITATION_NOT_FOUND"]').waitFor();
    await screenshot(page, 'register-link-unknown');
    await page.close();
  });
});
