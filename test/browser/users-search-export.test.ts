import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { nameSearchKeys } from '../../data/models/user-search.js';
import { testConfig } from '../harness/context.js';
import { screenshot } from './support/browser.js';
import { chooseAutocomplete, signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

// Staged users only: no lifecycle runs, so no worker is needed.
const config = testConfig();
let stack: BrowserStack;
let page: Page;
const run = randomUUID().slice(0, 6);
const offices = { a: `Escritório Ipê ${run}`, b: `Escritório Guará ${run}`, large: `Escritório Grande ${run}` };
const tenantIds: Record<keyof typeof offices, string> = { a: '', b: '', large: '' };
const LARGE = 1_234; // more than the API's 1,000 records a request: the export reads it in pages
const formula = "=cmd|' /C calc'!A0";

async function createUser(tenant: keyof typeof offices, name: string, email: string, legacyUsername?: string) {
  const answer = await stack.adminApi.post('/api/admin/users', { tenantId: tenantIds[tenant], name, email, legacyUsername, sendInvitation: false });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
}

/**
 * `count` users of an office as its list shows them, written straight to MongoDB (an import's would
 * wait in the review, out of the list, until "Update accounts" takes them): codes from 1, newest
 * first, each with `person(index)`'s name and any more fields.
 */
async function writeListedUsers(tenantId: string, count: number, person: (index: number) => { name: string } & Record<string, unknown>) {
  const now = Date.now();
  await UserModel.collection.insertMany(
    Array.from({ length: count }, (_, index) => {
      const { name, ...more } = person(index);
      return {
        tenantId: new Types.ObjectId(tenantId),
        code: index + 1,
        name,
        nameLower: name.toLowerCase(),
        role: 'member',
        locale: 'pt-BR',
        status: 'staged',
        statusChangedAt: new Date(now),
        listed: true,
        createdAt: new Date(now - index * 1_000),
        updatedAt: new Date(now),
        ...more,
      };
    }),
  );
}

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: false });
  for (const key of Object.keys(offices) as (keyof typeof offices)[]) {
    tenantIds[key] = (await stack.adminApi.post('/api/admin/tenants', { name: offices[key], plan: 'essential' })).body.id;
  }
  await createUser('a', 'João Silva Costa', `joao.costa-${run}@example.test`);
  await createUser('a', formula, `formula-${run}@example.test`, '@SUM(1+1)');
  await createUser('a', 'Ana Prado', `ana.prado-${run}@example.test`);
  await createUser('b', 'Zed Costa', `zed-${run}@example.test`);
  await writeListedUsers(tenantIds.large, LARGE, (index) => ({ name: `Pessoa ${index + 1}`, email: `pessoa${index + 1}-${run}@example.test` }));

  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true });
  await signInToAdmin(page, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
});

/** The users list's rows, once the list shows exactly `names` (in any order). */
async function expectListed(names: string[]) {
  await expect.poll(async () => (await page.locator('tbody tr td.column-name').allTextContents()).sort()).toEqual([...names].sort());
}

/** The users list with no filter: react-admin remembers the last one otherwise. */
const openUsers = () => page.goto(`${stack.url}/users?filter=${encodeURIComponent('{}')}`);

async function search(q: string) {
  await page.fill('input[name="q"]', q);
}

/** Clicks Export and reads the downloaded CSV as rows of cells. */
async function exportCsv() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\ufeff'), 'UTF-8 BOM for Excel').toBe(true);
  return { name: download.suggestedFilename(), rows: parse(text, { bom: true }) as string[][] };
}

describe('users list search and export, in a real browser', () => {
  it('finds a person by surname, without accents and by the start of two words', async () => {
    await openUsers();
    await search('costa');
    await expectListed(['João Silva Costa', 'Zed Costa']);
    await screenshot(page, 'users-search-surname');
    await search('joao');
    await expectListed(['João Silva Costa']);
    await search('JOÃO S');
    await expectListed(['João Silva Costa']);
    await search('silva c');
    await expectListed(['João Silva Costa']);
    // The start of a word, not its middle.
    await search('osta');
    await expectListed([]);
  });

  it('exports the filtered list as CSV, formulas neutralised', async () => {
    await openUsers();
    await chooseAutocomplete(page, 'tenantId', offices.a);
    await expectListed(['Ana Prado', formula, 'João Silva Costa']);
    const { name, rows } = await exportCsv();
    expect(name).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...users] = rows;
    expect(header).toEqual(['User code', 'Name', 'E-mail', 'Tenant', 'Role', 'Status', 'Legacy username', 'Created', 'Invited', 'Active since']);
    const byEmail = new Map(users.map((row) => [row[2], row]));
    expect([...byEmail.keys()].sort()).toEqual([`ana.prado-${run}@example.test`, `formula-${run}@example.test`, `joao.costa-${run}@example.test`]);
    const neutralised = byEmail.get(`formula-${run}@example.test`)!;
    expect(neutralised[1]).toBe(`'${formula}`);
    expect(neutralised[6]).toBe("'@SUM(1+1)");
    expect(byEmail.get(`joao.costa-${run}@example.test`)).toEqual([
      expect.stringMatching(/^\d+$/),
      'João Silva Costa',
      `joao.costa-${run}@example.test`,
      offices.a,
      'Member',
      'Not invited yet',
      '',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      '',
      '',
    ]);

    // The search narrows the export as it narrows the list.
    await search('costa');
    await expectListed(['João Silva Costa']);
    const narrowed = await exportCsv();
    expect(narrowed.rows.slice(1).map((row) => row[1])).toEqual(['João Silva Costa']);
  });

  it('exports more users than one API request returns, each once', async () => {
    await openUsers();
    await chooseAutocomplete(page, 'tenantId', offices.large);
    await page
      .getByText(`of ${LARGE.toLocaleString('en-US')}`, { exact: false })
      .or(page.getByText(`of ${LARGE}`, { exact: false }))
      .first()
      .waitFor();
    const { rows } = await exportCsv();
    // The names tell them apart.
    const names = rows.slice(1).map((row) => row[1]);
    expect(names).toHaveLength(LARGE);
    expect(new Set(names).size).toBe(LARGE);
    expect(rows.slice(1).every((row) => row[3] === offices.large)).toBe(true);
  });

  it('pages past 10,000 users with previous and next from the last row, and says "more than 10,000"', { timeout: 120_000 }, async () => {
    // A national office, written straight to MongoDB (the API's import takes 10,000 rows a request).
    const national = (await stack.adminApi.post('/api/admin/tenants', { name: `Escritório Nacional ${run}`, plan: 'essential' })).body.id as string;
    await writeListedUsers(national, 10_030, (index) => {
      const name = `Pessoa Nacional ${String(index + 1).padStart(5, '0')}`;
      return { name, nameKeys: nameSearchKeys(name) };
    });
    const byCode = (range: string) => `${stack.url}/users?filter=${encodeURIComponent(JSON.stringify({ tenantId: national }))}&sort=code&order=ASC&${range}`;
    await page.goto(byCode('page=1&perPage=25'));
    await page.getByText('1-25 of more than 10,000', { exact: false }).waitFor();
    await expect.poll(async () => page.locator('tbody tr td.column-name').first().textContent()).toBe('Pessoa Nacional 00001');
    await screenshot(page, 'users-more-than-10000');
    // No page numbers to jump to: the next page goes on from the last row shown.
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await page.getByText('26-50 of more than 10,000', { exact: false }).waitFor();
    await expect.poll(async () => page.locator('tbody tr td.column-name').first().textContent()).toBe('Pessoa Nacional 00026');
    await page.getByRole('button', { name: 'Go to previous page' }).click();
    await expect.poll(async () => page.locator('tbody tr td.column-name').first().textContent()).toBe('Pessoa Nacional 00001');
    // A page past row 10,000 asked for by number (an old address) cannot be served by offset: the console says to refine.
    await page.goto(byCode('page=402&perPage=25'));
    await page.getByText('More than 10,000 rows: refine the search', { exact: false }).first().waitFor();
    // Searching narrows it to an exact count again.
    await page.goto(byCode('page=1&perPage=25'));
    await search('pessoa nacional 0001');
    await page.getByText('1-10 of 10', { exact: false }).waitFor();
  });

  it('searches the migration review the same way', async () => {
    await page.goto(`${stack.url}/tenants/${tenantIds.a}/show`);
    const review = page.getByTestId('migration-review');
    await review.locator('tbody tr').nth(2).waitFor();
    await page.fill('input[name="review-q"]', 'costa');
    await expect.poll(async () => review.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('João Silva Costa')]);
    await screenshot(page, 'migration-review-search');
  });
});
