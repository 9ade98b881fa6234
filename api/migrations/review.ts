import { Types } from 'mongoose';
import { AuditEventModel, UserModel } from '../../data/models/index.js';
import { userSearchFilter } from '../../data/models/user-search.js';
import { emailSchema, normalizeEmail } from '../../domain/email-address.js';
import { reviewEmails, type MigrationReviewRow } from '../../domain/migration.js';
import { foldText } from '../../domain/search-text.js';
import { ApiError } from '../errors.js';
import { fail } from '../http/error-messages.js';
import type { Actor } from './actor.js';

/** Users of the tenant not migrated yet: staged ones (to migrate) and the ones inactivated in the review. */
export const reviewFilter = (tenantId: string) => ({
  tenantId: new Types.ObjectId(tenantId),
  migrationId: null,
  status: { $in: ['staged' as const, 'inactive' as const] },
  invitedAt: null,
});

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * The review screen: each user's proposed login e-mail and its problems, computed across the tenant
 * and all logins. `q` keeps the rows the users list's search would find (user-search.ts); the
 * problems still count every user of the tenant, so a duplicate shows even when its twin is not shown.
 */
export async function reviewTenant(tenantId: string, q?: string): Promise<MigrationReviewRow[]> {
  const [users, found] = await Promise.all([
    UserModel.find(reviewFilter(tenantId), { code: 1, name: 1, legacyUsername: 1, role: 1, email: 1, proposedEmail: 1, status: 1 }).sort({ code: 1 }).lean(),
    q?.trim() ? UserModel.find(reviewSearch(tenantId, q), { _id: 1 }).lean() : null,
  ]);
  const candidates = users
    .filter((user) => user.status === 'staged')
    .map((user) => ({ id: String(user._id), proposedEmail: user.email ?? user.proposedEmail ?? null }));
  const emails = candidates.flatMap((candidate) => (candidate.proposedEmail ? [normalizeEmail(candidate.proposedEmail)] : []));
  const owners = await UserModel.find({ email: { $in: emails } }, { email: 1 }).lean();
  const problems = reviewEmails(candidates, new Map(owners.map((owner) => [owner.email!, String(owner._id)])));
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

async function findReviewUser(tenantId: string, userId: string) {
  const user = await UserModel.findOne({ ...reviewFilter(tenantId), _id: new Types.ObjectId(userId) });
  if (!user) throw fail('USER_NOT_FOUND', { detail: 'no user awaiting migration with this id in this tenant' });
  return user;
}

/** "Usuário Novo" fixed by the admin. Duplicates are allowed here and shown as problems: the review is where they get fixed. */
export async function fixProposedEmail(tenantId: string, userId: string, rawEmail: string, actor: Actor) {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success)
    throw new ApiError(400, 'VALIDATION_FAILED', 'email must be a valid e-mail address', [{ path: 'email', message: 'must be a valid e-mail address' }]);
  const user = await findReviewUser(tenantId, userId);
  const before = user.email ?? user.proposedEmail ?? null;
  // The login is claimed when the update starts; until then nobody holds it.
  await UserModel.updateOne({ _id: user._id }, { $set: { proposedEmail: parsed.data }, $unset: { email: 1 } });
  await AuditEventModel.create({
    actor,
    action: 'migration.emailFixed',
    entityType: 'user',
    entityId: userId,
    tenantId,
    before: { proposedEmail: before },
    after: { proposedEmail: parsed.data },
  });
}

/** Excludes a user from the migration (the review's "inactivate"), or includes them again. No lifecycle exists yet. */
export async function setExcluded(tenantId: string, userId: string, excluded: boolean, actor: Actor) {
  const user = await findReviewUser(tenantId, userId);
  const status = excluded ? 'inactive' : 'staged';
  if (user.status === status) return;
  await UserModel.updateOne({ _id: user._id }, { $set: { status, statusChangedAt: new Date(), deactivatedAt: excluded ? new Date() : null } });
  await AuditEventModel.create({
    actor,
    action: excluded ? 'migration.userInactivated' : 'migration.userIncluded',
    entityType: 'user',
    entityId: userId,
    tenantId,
    before: { status: user.status },
    after: { status },
  });
}
