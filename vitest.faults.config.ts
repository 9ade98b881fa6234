import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault suite (test/faults) on the production shape, which the test file
 * starts itself since it kills and restarts its processes. Like test:production it needs
 * `scripts/tools.sh --production` and `npm run build` first (the npm scripts run them), and it is
 * kept out of `npm test` (vitest.config.ts excludes test/faults).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Generous: a 2,000-user migration under 100 SIGKILLs, and outages, on two shared cores.
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
