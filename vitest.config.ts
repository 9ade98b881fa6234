import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The test lanes (docs/testing.md), each a vitest project: `npm test` runs the first three below,
 * and `npm run test:<lane>` one of them; one file: `npx vitest run <file>`.
 * - unit: pure functions and the state machines, no service at all (runs right after npm install);
 * - services: the API, workflows and system tests on a real Temporal, mongod and SMTP receiver;
 * - browser: the console and public pages in Chromium, on the same stack when run together;
 * - lighthouse: the pages' performance budgets (Lighthouse, mobile) on that stack, timed and so
 *   apart from `npm test` (`npm run test:lighthouse`, after it in CI).
 * The production shape and the fault suite have their own runs: `npm run test:production` and
 * `npm run test:faults` (vitest.production.config.ts, vitest.faults.config.ts).
 */
const stack = ['test/harness/global-setup.ts'];
/** Before each file on that stack: gives the file's databases back, emptied, when it ends. */
const perFile = ['test/harness/per-file.ts'];
const servicesFiles = ['test/api/**/*.test.ts', 'test/workflows/**/*.test.ts', 'test/system/**/*.test.ts'];
/** Files that need a process of their own: the SDK's Runtime logger is chosen once per process (log-secrets reads it). */
const ownProcess = ['test/api/log-secrets.test.ts'];

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/production/**', 'test/faults/**'],
    // Temporal's native worker needs real processes, not worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // A page that answers in 1 s on an idle machine can take longer beside the other lanes in CI:
    // polls wait for what the user would see, not for a time (expect.poll's own default is 1 s).
    expect: { poll: { timeout: 15_000 } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // One process per worker for all its files (isolate: false): each file has its own database and
      // task queue (test/harness/context.ts), so what a file would re-import, the app, the models, the
      // Temporal SDK, is loaded once per process instead of once per file (that import was 190 s of
      // CPU in a run of 94 files). A file that needs a process of its own goes in the project below.
      {
        extends: true,
        test: {
          name: 'services',
          include: servicesFiles,
          exclude: [...configDefaults.exclude, ...ownProcess],
          isolate: false,
          globalSetup: stack,
          setupFiles: perFile,
        },
      },
      { extends: true, test: { name: 'services-own-process', include: ownProcess, globalSetup: stack, setupFiles: perFile } },
      // The same for the console's files: each starts its own API, worker and Chromium on its own database.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], isolate: false, globalSetup: stack, setupFiles: perFile } },
      { extends: true, test: { name: 'lighthouse', include: ['test/lighthouse/**/*.test.ts'], globalSetup: stack, setupFiles: perFile } },
    ],
  },
});
