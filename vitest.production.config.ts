import { defineConfig } from 'vitest/config';

/**
 * `npm run test:production`: the production shape (dev-tools/production-shape/shape.ts) started by the test file
 * itself, since the tests kill and restart its processes. Kept out of `npm test` (vitest.config.ts
 * excludes test/production): it needs `scripts/tools.sh --production` and `npm run build` first,
 * which the npm scripts pretest:production and test:production run.
 */
export default defineConfig({
  test: {
    include: ['test/production/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Generous: a 1,000-user migration with SIGKILLs and restarts, on two shared cores.
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
