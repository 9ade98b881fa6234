import { Types } from 'mongoose';
import { reviewWhere, type EmailHolder } from '../../data/migration-review.js';
import { UserModel } from '../../data/models/index.js';
import { domainError } from '../../domain/errors.js';
import type { MigrationReviewRow } from '../../domain/migration.js';
import { MAX_REVIEW_PAGE } from '../../domain/migration-review.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { reviewPage } from './review-page.js';

/**
 * Every row of the review (or those `q` finds), by code, with their problems: the review's pages
 * one after the other (review-page.ts), so memory holds the rows asked for and nothing else of the
 * office. For tests and small offices; the console and the API read a page at a time.
 */
export async function reviewTenant(scope: TenantScope, tenantId: string, q?: string): Promise<MigrationReviewRow[]> {
  requireTenant(scope, tenantId);
  const rows: MigrationReviewRow[] = [];
  for (;;) {
    const page = q?.trim()
      ? await reviewPage(scope, tenantId, { q, offset: rows.length, limit: MAX_REVIEW_PAGE })
      : await reviewPage(scope, tenantId, { afterCode: rows.at(-1)?.code, limit: MAX_REVIEW_PAGE });
    rows.push(...page.rows);
    if (page.rows.length < MAX_REVIEW_PAGE) return rows;
  }
}

/** A user awaiting migration in this tenant, or USER_NOT_FOUND; OTHER_TENANT when the tenant is not the caller's. */
export async function findReviewUser(scope: TenantScope, tenantId: string, userId: string) {
  requireTenant(scope, tenantId);
  const user = await UserModel.findOne(
    { ...reviewWhere(tenantId), _id: new Types.ObjectId(userId) },
    { tenantId: 1, email: 1, proposedEmail: 1, status: 1, inReview: 1, hasEmailProblem: 1 },
  ).lean<EmailHolder>();
  if (!user) throw domainError('USER_NOT_FOUND', { detail: 'no user awaiting migration with this id in this tenant' });
  return user;
}
