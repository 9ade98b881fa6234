import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies the README's screenshots from the browser tests' output (test-results/screenshots, written
 * by test/browser/*) to docs/screenshots, so the pictures in the README are the screens the tests
 * drove. `npm run screenshots` runs the browser tests first.
 */
export const readmeScreenshots = [
  // The office's journey first, in pt-BR (test/browser/office-journey.test.ts): the people the console is for.
  'office-home-configure-now',
  'office-review',
  'office-import-dry-run',
  'office-activation-linking',
  'office-activation-active',
  'dashboard',
  'users-search-surname',
  'user-active',
  'migration-import-dry-run',
  'migration-completed',
  'register-form',
  'api-key-created',
  'dev-mailbox',
  'webhook-delivery-log',
  'scim-token-created',
];

const from = path.resolve('test-results/screenshots');
const to = path.resolve('docs/screenshots');
fs.mkdirSync(to, { recursive: true });
const missing = readmeScreenshots.filter((name) => !fs.existsSync(path.join(from, `${name}.png`)));
if (missing.length > 0) {
  console.error(`missing in ${from}: ${missing.join(', ')}; run the browser tests (npm run test:browser)`);
  process.exit(1);
}
for (const name of readmeScreenshots) fs.copyFileSync(path.join(from, `${name}.png`), path.join(to, `${name}.png`));
console.log(`copied ${readmeScreenshots.length} screenshots to ${path.relative(process.cwd(), to)}`);
