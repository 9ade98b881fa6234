import { Types } from 'mongoose';
import { escapeRegex } from '../../data/list-filters.js';
import { UserModel } from '../../data/models/index.js';
import { userSearchFilter } from '../../data/models/user-search.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { domainError } from '../../domain/errors.js';
import { reviewEmails, type MigrationReviewRow } from '../../domain/migration.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { foldText } from '../../domain/search-text.js';

/** Users of the tenant not migrated yet: staged ones (to migrate) and the ones inactivated in the review. */
export const reviewFilter = (tenantId: string) => ({
  tenantId: new Types.ObjectId(tenantId),
  migrationId: null,
  status: { $in: ['staged' as const, 'inactive' as const] },
  invitedAt: null,
});

/**
 * The users list's search among the review's users; the e-mail a row shows is often the proposed
 * one, which has no search keys (it is not a login, and may be invalid or mixed case), so it is
 * matched as a case-insensitive prefix too: the tenant's own users only, a few thousand at most.
 */
function reviewSearch(tenantId: string, q: string) {
  const where = reviewFilter(tenantId);
  const proposed = { ...where, proposedEmail: new RegExp(`^${escapeRegex(foldText(q.trim()))}`, 'i') };
  return { $or: [userSearchFilter(q, where), proposed] };
}

/** The problems of each proposed login e-mail, across the candidates and every login already taken. */
export async function proposedEmailProblems(candidates: { id: string; proposedEmail: string | null }[]) {
  const emails = candidates.flatMap((candidate) => (candidate.proposedEmail ? [normalizeEmail(candidate.proposedEmail)] : []));
  const owners = await UserModel.find({ email: { $in: emails } }, { email: 1 }).lean();
  return reviewEmails(candidates, new Map(owners.map((owner) => [owner.email!, String(owner._id)])));
}

/**
 * The review screen: each user's proposed login e-mail and its problems, computed across the tenant
 * and all logins. `q` keeps the rows the users list's search would find (user-search.ts); the
 * problems still count every user of the tenant, so a duplicate shows even when its twin is not shown.
 */
export async function reviewTenant(scope: TenantScope, tenantId: string, q?: string): Promise<MigrationReviewRow[]> {
  requireTenant(scope, tenantId);
  const [users, found] = await Promise.all([
    UserModel.find(reviewFilter(tenantId), { code: 1, name: 1, legacyUsername: 1, role: 1, email: 1, proposedEmail: 1, status: 1 }).sort({ code: 1 }).lean(),
    q?.trim() ? UserModel.find(reviewSearch(tenantId, q), { _id: 1 }).lean() : null,
  ]);
  const problems = await proposedEmailProblems(
    users.filter((user) => user.status === 'staged').map((user) => ({ id: String(user._id), proposedEmail: user.email ?? user.proposedEmail ?? null })),
  );
  const shown = found && new Set(found.map((user) => String(user._id)));
  return users
    .filter((user) => !shown || shown.has(String(user._id)))
    .map((user) => ({
      id: String(user._id),
      code: user.code,
      name: user.name,
      legacyUsername: user.legacyUsername ?? null,
      role: user.role,
      proposedEmail: user.email ?? user.proposedEmail ?? null,
      status: user.status as 'staged' | 'inactive',
      problems: problems.get(String(user._id)) ?? [],
    }));
}

/** A user awaiting migration in this tenant, or USER_NOT_FOUND; OTHER_TENANT when the tenant is not the caller's. */
export async function findReviewUser(scope: TenantScope, tenantId: string, userId: string) {
  requireTenant(scope, tenantId);
  const user = await UserModel.findOne({ ...reviewFilter(tenantId), _id: new Types.ObjectId(userId) });
  if (!user) throw domainError('USER_NOT_FOUND', { detail: 'no user awaiting migration with this id in this tenant' });
  return user;
}
