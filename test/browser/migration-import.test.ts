import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../harness/context.js';
import { screenshot } from './support/browser.js';
import { signInToAdmin, startBrowserStack, type BrowserStack } from './support/stack.js';

const config = testConfig();
let stack: BrowserStack;
let page: Page;
let tenantId = '';
const domain = `${randomUUID().slice(0, 6)}.example.test`;

// What Excel in Brazil saves: semicolons, Windows-1252 bytes ("ç" is one byte, 0xE7), CRLF, and
// the formatted empty row at the end. Row 3 has no name (rejected); rows 2 and 4 share an e-mail.
const excelFile = Buffer.from(
  [
    'code;name;legacyUsername;email;role',
    `1;Maria da Conceição;maria;maria@${domain};supervisor`,
    `2;João Araújo;joao;joao@${domain};member`,
    `3;;semnome;semnome@${domain};member`,
    `4;Inês Gonçalves;ines;JOAO@${domain};member`,
    ';;;;',
    '',
  ].join('\r\n'),
  'latin1',
);

beforeAll(async () => {
  stack = await startBrowserStack(config, { worker: false });
  const tenant = await stack.adminApi.post('/api/admin/tenants', { name: `Escritório ${randomUUID().slice(0, 6)}`, plan: 'plus' });
  tenantId = tenant.body.id;
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  await signInToAdmin(page, stack.url, stack.admin);
});
afterAll(async () => {
  await stack?.stop();
});

describe('importing the users to migrate from the tenant page, in a real browser', () => {
  it('says why a file cannot be read and what to do', async () => {
    await page.goto(`${stack.url}/tenants/${tenantId}/show`);
    await page.getByRole('button', { name: 'Import users' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: 'usuarios.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) });
    const error = dialog.getByTestId('import-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('MALFORMED_CSV');
    expect(await error.textContent()).toMatch(
      /This file could not be read.*Excel workbook \(\.xlsx\), not a CSV file\. In Excel, choose File › Save As › "CSV UTF-8"/,
    );
  });

  it('shows the dry run of a semicolon, Windows-1252 file row by row, then fills the review once confirmed', async () => {
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles({ name: 'usuarios.csv', mimeType: 'text/csv', buffer: excelFile });
    const reading = dialog.getByTestId('import-reading');
    await reading.waitFor();
    expect(await reading.textContent()).toBe('Read as Windows-1252, separator ; (semicolon)');
    expect(await dialog.getByTestId('import-error').count()).toBe(0);

    const rows = dialog.getByTestId('import-rows');
    expect(await rows.locator('tr[data-row]').count()).toBe(4);
    expect(await rows.locator('tr[data-row="1"]').textContent()).toContain('Maria da Conceição');
    expect(await rows.locator('tr[data-row="1"]').getAttribute('data-result')).toBe('valid');
    expect(await rows.locator('tr[data-row="3"]').getAttribute('data-result')).toBe('rejected');
    expect(await rows.locator('tr[data-row="3"] [data-problem-path="name"]').count()).toBe(1);
    expect(await rows.locator('[data-problem="duplicateInTenant"]').count()).toBe(2);
    expect(await rows.locator('tr[data-row="4"]').textContent()).toContain('Inês Gonçalves');
    expect(await dialog.getByTestId('import-summary').textContent()).toBe(
      '3 users will be created; 1 row(s) rejected and left out; 2 with an e-mail problem to fix in the review.',
    );
    await screenshot(page, 'migration-import-dry-run');
    // A dry run writes nothing.
    expect((await stack.adminApi.get(`/api/admin/tenants/${tenantId}/migration/review`)).body.rows).toEqual([]);

    await dialog.getByRole('button', { name: 'Import 3 users' }).click();
    await dialog.waitFor({ state: 'detached' });
    const review = page.getByTestId('migration-review');
    await review.locator('tr[data-code="1"]').waitFor();
    expect(await review.locator('tr[data-code="1"]').textContent()).toContain('Maria da Conceição');
    expect(await review.locator('tr[data-code="2"]').textContent()).toContain('João Araújo');
    expect(await review.locator('tr[data-code="4"]').textContent()).toContain('Inês Gonçalves');
    expect(await review.locator('tr[data-code="3"]').count()).toBe(0);
    expect(await review.locator('[data-problem="duplicateInTenant"]').count()).toBe(2);
    await screenshot(page, 'migration-import-review');
  });
});
