import { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { checkEligibility } from '../../domain/migration.js';
import { MAX_REVIEW_PAGE, type MigrationReviewPage } from '../../domain/migration-review.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { reviewTenant } from './review-tenant.js';

/**
 * The review as the console pages it: the rows the filters find (the users list's search `q`,
 * only the rows with problems), a page of them by code, the whole review's counts, and the
 * supervisor "Update accounts" runs on behalf of. Problems are computed across the whole office
 * and every login (reviewTenant), so a page shows a duplicate whose twin is on another page.
 */
export async function reviewPage(
  scope: TenantScope,
  tenantId: string,
  options: { q?: string; problemsOnly?: boolean; offset?: number; limit?: number } = {},
): Promise<MigrationReviewPage> {
  const [all, found, members] = await Promise.all([
    reviewTenant(scope, tenantId),
    options.q?.trim() ? reviewTenant(scope, tenantId, options.q) : null,
    UserModel.find({ tenantId: new Types.ObjectId(tenantId) }, { code: 1, name: 1, role: 1, status: 1 }).lean(),
  ]);
  const toMigrate = all.filter((row) => row.status === 'staged');
  const matching = (found ?? all).filter((row) => !options.problemsOnly || (row.status === 'staged' && row.problems.length > 0));
  const offset = options.offset ?? 0;
  const limit = Math.min(options.limit ?? 100, MAX_REVIEW_PAGE);
  const eligibility = checkEligibility(
    members.map((member) => ({ id: String(member._id), code: member.code, name: member.name, role: member.role, inactive: member.status === 'inactive' })),
    '',
  );
  return {
    rows: matching.slice(offset, offset + limit),
    total: matching.length,
    counts: {
      toMigrate: toMigrate.length,
      inactive: all.length - toMigrate.length,
      withProblems: toMigrate.filter((row) => row.problems.length > 0).length,
    },
    qualified: eligibility.eligible ? null : eligibility.qualified,
  };
}
