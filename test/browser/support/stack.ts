import type { Browser, Page } from 'playwright-core';
import { startApi } from '../../../api/server.js';
import { adminClient } from '../../harness/api-client.js';
import { startTestWorker, type TestConfig } from '../../harness/context.js';
import { adminDist, ensureAdminBuilt } from '../../../admin/build-if-stale.js';
import { launchChromium } from './browser.js';

/**
 * What a browser test drives: the built admin app served by the real API (in this process, on a
 * free port) against the shared Temporal, MongoDB and SMTP, optionally with a worker, and Chromium.
 */
export async function startBrowserStack(config: TestConfig, options: { worker: boolean }) {
  // Chromium first: without it nothing else is worth starting, and its error says what to install.
  const browser: Browser = await launchChromium();
  await ensureAdminBuilt();
  const api = await startApi(config, { port: 0, adminDir: adminDist });
  const worker = options.worker ? await startTestWorker(config) : null;
  const admin = config.adminBootstrap!;
  const adminApi = await adminClient(api.url, admin.email, admin.password);
  return {
    url: api.url,
    browser,
    admin,
    adminApi: adminApi.client,
    async stop() {
      await browser.close();
      await worker?.stop();
      await api.stop();
    },
  };
}
export type BrowserStack = Awaited<ReturnType<typeof startBrowserStack>>;

/**
 * Signs in through the admin login page and waits for the home: the platform's dashboard, or
 * (`home: 'office'`) an office account's own home.
 */
export async function signInToAdmin(page: Page, url: string, credentials: { email: string; password: string }, home: 'platform' | 'office' = 'platform') {
  await page.goto(`${url}/login`);
  await page.fill('input[name="username"]', credentials.email);
  await page.fill('input[name="password"]', credentials.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector(home === 'office' ? '[data-testid="office-home"]' : '[data-testid="count-invited"]');
}

/** Picks an option of a react-admin AutocompleteInput by typing part of its label. */
export async function chooseAutocomplete(page: Page, name: string, text: string) {
  const input = page.locator(`input[name="${name}"]`);
  await input.click();
  await input.fill(text);
  await page
    .getByRole('option', { name: new RegExp(text) })
    .first()
    .click();
}
