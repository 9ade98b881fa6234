import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first, in seconds of one CI run beside the other lanes
 * (2026-12-07). Vitest starts the longest files first only once it has timed them in this clone;
 * CI's clean clone has no timings, so it went by the order of the folders, and the workflow tests
 * that wait longest (kills and restarts, a minute each) came last, one fork working alone while
 * the other had finished. A file not listed (all under 15 s) runs after these.
 */
const seconds: Record<string, number> = {
  'test/api/contract.test.ts': 106,
  'test/browser/admin-console.test.ts': 69,
  'test/browser/users-search-export.test.ts': 60,
  'test/api/admin-auth.test.ts': 58,
  'test/workflows/durability.test.ts': 57,
  'test/browser/accounts-and-keys.test.ts': 51,
  'test/browser/office-journey.test.ts': 51,
  'test/workflows/webhook-durability.test.ts': 49,
  'test/workflows/accounts-migration.test.ts': 44,
  'test/api/user-sync.test.ts': 40,
  'test/browser/migration.test.ts': 37,
  'test/browser/no-worker.test.ts': 35,
  'test/api/webhooks.test.ts': 29,
  'test/api/scim.test.ts': 25,
  'test/api/query-plans.test.ts': 25,
  'test/api/integration.test.ts': 25,
  'test/api/tenant-isolation.test.ts': 24,
  'test/api/login-link.test.ts': 24,
  'test/api/public.test.ts': 24,
  'test/api/renew.test.ts': 23,
  'test/system/readiness.test.ts': 22,
  'test/workflows/smtp-outage.test.ts': 21,
  'test/browser/scim-tokens.test.ts': 20,
  'test/browser/registration-links.test.ts': 20,
  'test/browser/dev-mailbox.test.ts': 20,
  'test/browser/webhooks.test.ts': 18,
  'test/api/api-keys.test.ts': 18,
  'test/workflows/user-activation-timers.test.ts': 18,
};

/**
 * Vitest's order (one project after the other, so a fork keeps the modules its project loaded),
 * and within a project the files listed above first, longest first.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const ordered = await super.sort(files);
    const position = new Map(ordered.map((file, index) => [file, index]));
    const projects = [...new Set(ordered.map((file) => file.project.name))];
    const weight = (file: TestSpecification) => seconds[path.relative(file.project.config.root, file.moduleId).split(path.sep).join('/')] ?? 0;
    return [...ordered].sort(
      (a, b) => projects.indexOf(a.project.name) - projects.indexOf(b.project.name) || weight(b) - weight(a) || position.get(a)! - position.get(b)!,
    );
  }
}
