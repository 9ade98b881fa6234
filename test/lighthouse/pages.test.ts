import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { startBrowserStack, type BrowserStack } from '../browser/support/stack.js';
import { describeFigures, measureMedian, median, MEDIAN_RUNS, startChromium, type PageFigures } from './support/lighthouse.js';

/**
 * The budgets of issue 22, on the stack the browser tests drive (the built console and public
 * pages served by the API, a worker sending the real invitation): the median of three Lighthouse
 * 12.2.3 runs per page (measureMedian), mobile profile with simulated throttling (a mid-range
 * phone on a slow 4G link), in Debian's Chromium. The figures go to test-results/lighthouse.json
 * (README, docs/benchmarks.md).
 */
const config = testConfig({ REMINDER_SCHEDULE: '30m', INVITE_TTL: '1h' });
const budgets = { registration: { performance: 95, accessibility: 100, lcp: 1_500 }, consoleSignIn: { performance: 90 }, usersListAfterSignIn: 2_000 };
let stack: BrowserStack;
let chromium: Awaited<ReturnType<typeof startChromium>>;
const figures: Record<string, PageFigures | number> = {};

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: true });
  chromium = await startChromium();
});
afterAll(async () => {
  await chromium?.stop();
  await stack?.stop();
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync(path.join('test-results', 'lighthouse.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

function report(name: string, page: PageFigures & { scores: number[] }) {
  figures[name] = page;
  const line = `${describeFigures(name, page)}; the median of performance ${page.scores.join(', ')}`;
  console.log(line);
  return `${line}; failing audits: ${page.failing.join(', ') || 'none'}`;
}

describe('pages that open fast on a phone (Lighthouse, mobile)', () => {
  it(`registration page: performance ≥ ${budgets.registration.performance}, accessibility ${budgets.registration.accessibility}, LCP ≤ ${budgets.registration.lcp} ms`, async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Escritório ${randomUUID().slice(0, 6)}`, plan: 'essential' });
    const email = `lia-${randomUUID().slice(0, 8)}@example.test`;
    const user = await stack.adminApi.post('/api/admin/users', {
      tenantId: tenant.body.id,
      name: 'Lia Moreira',
      legacyUsername: 'lia',
      email,
      locale: 'pt-BR',
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const { token } = registrationLink((await waitForMessages(email, 1))[0]!);

    const page = await measureMedian(`${stack.url}/register/${token}`, chromium.port);
    const summary = report('registration', page);
    expect(page.performance, summary).toBeGreaterThanOrEqual(budgets.registration.performance);
    expect(page.accessibility, summary).toBe(budgets.registration.accessibility);
    expect(page.lcp, summary).toBeLessThanOrEqual(budgets.registration.lcp);
  });

  it(`console sign-in page: performance ≥ ${budgets.consoleSignIn.performance}`, async () => {
    const page = await measureMedian(`${stack.url}/`, chromium.port);
    const summary = report('consoleSignIn', page);
    expect(page.performance, summary).toBeGreaterThanOrEqual(budgets.consoleSignIn.performance);
  });

  it(`after sign-in, the users list is usable within ${budgets.usersListAfterSignIn} ms (median of ${MEDIAN_RUNS} first visits)`, async () => {
    const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Escritório ${randomUUID().slice(0, 6)}`, plan: 'essential' });
    const email = `rui-${randomUUID().slice(0, 8)}@example.test`;
    await stack.adminApi.post('/api/admin/users', { tenantId: tenant.body.id, name: 'Rui Prado', email, sendInvitation: false });
    /** A first visit (a new context: empty cache, no session) to the users list: the console asks for the sign-in, then comes back to it. */
    const signInToUsersList = async () => {
      const context = await stack.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${stack.url}/users`);
      await page.fill('input[name="username"]', stack.admin.email);
      await page.fill('input[name="password"]', stack.admin.password);
      const start = Date.now();
      await page.click('button[type="submit"]');
      await page.locator('tbody tr', { hasText: email }).waitFor();
      await page.locator('input[name="q"]').waitFor();
      const elapsed = Date.now() - start;
      expect(page.url()).toMatch(/\/users/);
      await context.close();
      return elapsed;
    };
    // One visit unmeasured: a browser and a server warm, as a person's are. Then the median of a
    // few, so one stall of the two shared cores (a CI run once saw 2,041 ms among runs of 1.2 s) is not the figure.
    await signInToUsersList();
    const runs: number[] = [];
    for (let run = 0; run < MEDIAN_RUNS; run++) runs.push(await signInToUsersList());
    const medianMs = median(runs, (ms) => ms);
    figures.usersListAfterSignInMs = medianMs;
    console.log(`users list after sign-in: median ${medianMs} ms of ${runs.join(', ')} ms`);
    expect(medianMs, `runs: ${runs.join(', ')} ms`).toBeLessThanOrEqual(budgets.usersListAfterSignIn);
  });
});
