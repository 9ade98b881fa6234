import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The production shape has its own run: `npm run test:production` (vitest.production.config.ts).
    exclude: [...configDefaults.exclude, 'test/production/**'],
    // Real Temporal, MongoDB and SMTP are started once for the whole run (test/harness/global-setup.ts).
    globalSetup: ['test/harness/global-setup.ts'],
    // Temporal's native worker needs real processes, not worker threads.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
