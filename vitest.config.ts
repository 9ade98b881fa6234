import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The production shape and the fault suite have their own runs: `npm run test:production` and
    // `npm run test:faults` (vitest.production.config.ts, vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/production/**', 'test/faults/**'],
    // Real Temporal, MongoDB and SMTP are started once for the whole run (test/harness/global-setup.ts).
    globalSetup: ['test/harness/global-setup.ts'],
    // Temporal's native worker needs real processes, not worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
