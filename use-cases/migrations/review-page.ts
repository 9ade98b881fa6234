import { Types } from 'mongoose';
import {
  countReview,
  lowestActiveSupervisor,
  PROBLEMS_INDEX,
  problemsWhere,
  REVIEW_INDEX,
  reviewCounts,
  reviewPageIds,
  reviewRecords,
  reviewWhere,
  type ReviewRecord,
} from '../../data/migration-review.js';
import { userSearchWalkFilter } from '../../data/models/user-search.js';
import type { EmailProblem, MigrationReviewRow } from '../../domain/migration.js';
import { MAX_REVIEW_PAGE, REVIEW_SEARCH_COUNT_LIMIT, type MigrationReviewPage } from '../../domain/migration-review.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { proposedLogin, refreshProblemFlags } from './review-problems.js';

export interface ReviewPageOptions {
  /** The users list's search: words starting the name, or the start of the e-mail (proposed e-mails included). */
  q?: string;
  /** Only the users to migrate whose new login has a problem. */
  problemsOnly?: boolean;
  /** The rows after this user code (a keyset: as cheap deep in the review as at its start), then `offset` and `limit`. */
  afterCode?: number;
  offset?: number;
  limit?: number;
}

const toRow = (user: ReviewRecord, problems: ReadonlyMap<string, EmailProblem[]>): MigrationReviewRow => ({
  id: String(user._id),
  code: user.code,
  name: user.name,
  legacyUsername: user.legacyUsername ?? null,
  role: user.role,
  proposedEmail: proposedLogin(user),
  status: user.status as 'staged' | 'inactive',
  problems: user.status === 'staged' ? (problems.get(String(user._id)) ?? []) : [],
});

/**
 * The rows of a search among the review's users, by code: a walk of the review's own index with
 * each user's name and addresses checked (userSearchWalkFilter), since its users have no search
 * keys (data/migration-review.ts insertStagedUsers). Its cost follows the review, not the base: an
 * office of 5,000 is read whole at most; the count stops past REVIEW_SEARCH_COUNT_LIMIT and the page
 * once full, side by side.
 */
async function searchPage(
  q: string,
  review: Record<string, unknown>,
  index: typeof REVIEW_INDEX | typeof PROBLEMS_INDEX,
  page: { afterCode?: number; skip: number; limit: number },
) {
  const walked = { ...review, ...userSearchWalkFilter(q) };
  const [found, ids] = await Promise.all([countReview(walked, REVIEW_SEARCH_COUNT_LIMIT + 1, index), reviewPageIds(walked, page, index)]);
  return { ids, total: Math.min(found, REVIEW_SEARCH_COUNT_LIMIT), more: found > REVIEW_SEARCH_COUNT_LIMIT };
}

/**
 * The review as the console pages it ("Configurar agora"), at any office size: a page by code,
 * the whole review's counts, and the supervisor "Update accounts" runs on behalf of. Nothing here
 * reads the office: the page is a walk of the review's index (data/migration-review.ts), each count
 * a count on it (the rows to fix: on the partial index of the flagged ones; a large review's users
 * to migrate and inactive at most every 30 s, reviewCounts), the supervisor the first key of the
 * supervisors' index. A row's problems are derived as it is read, across the
 * office and every login (review-problems.ts), so a page shows a duplicate whose twin is on
 * another page; a flag found wrong on the way is written right before the counts are read.
 */
export async function reviewPage(scope: TenantScope, tenantId: string, options: ReviewPageOptions = {}): Promise<MigrationReviewPage> {
  requireTenant(scope, tenantId);
  const tenant = new Types.ObjectId(tenantId);
  const page = { afterCode: options.afterCode, skip: options.offset ?? 0, limit: Math.min(options.limit ?? 100, MAX_REVIEW_PAGE) };
  const review = options.problemsOnly ? problemsWhere(tenant) : reviewWhere(tenant);
  const index = options.problemsOnly ? PROBLEMS_INDEX : REVIEW_INDEX;
  const q = options.q?.trim();
  const { ids, total, more } = q ? await searchPage(q, review, index, page) : { ids: await reviewPageIds(review, page, index), total: null, more: false };
  const records = await reviewRecords(
    tenant,
    ids.map((entry) => entry._id),
  );
  const problems = await refreshProblemFlags(tenant, [], records);
  // The counts after the page's flags were set right: a flag found wrong on the way changes the
  // rows to fix.
  const [{ toMigrate, inactive }, withProblems, qualified] = await Promise.all([
    reviewCounts(tenant),
    countReview(problemsWhere(tenant)),
    lowestActiveSupervisor(tenant),
  ]);
  return {
    rows: records.map((record) => toRow(record, problems)),
    total: total ?? (options.problemsOnly ? withProblems : toMigrate + inactive),
    ...(more ? { more } : {}),
    counts: { toMigrate, inactive, withProblems },
    qualified: qualified ? { id: String(qualified._id), code: qualified.code, name: qualified.name } : null,
  };
}
