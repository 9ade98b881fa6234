import { Types } from 'mongoose';
import { AuditEventModel, UserModel } from '../../data/models/index.js';
import { emailSchema, normalizeEmail } from '../../domain/email-address.js';
import { reviewEmails, type MigrationReviewRow } from '../../domain/migration.js';
import { ApiError } from '../errors.js';
import { fail } from '../http/error-messages.js';
import type { Actor } from './actor.js';

/** Users of the tenant not migrated yet: staged ones (to migrate) and the ones inactivated in the review. */
const reviewFilter = (tenantId: string) => ({ tenantId: new Types.ObjectId(tenantId), migrationId: null, status: { $in: ['staged' as const, 'inactive' as const] }, invitedAt: null });

/** The review screen: each user's proposed login e-mail and its problems, computed across the tenant and all logins. */
export async function reviewTenant(tenantId: string): Promise<MigrationReviewRow[]> {
  const users = await UserModel.find(reviewFilter(tenantId), { code: 1, name: 1, legacyUsername: 1, role: 1, email: 1, proposedEmail: 1, status: 1 })
    .sort({ code: 1 })
    .lean();
  const candidates = users.filter((user) => user.status === 'staged').map((user) => ({ id: String(user._id), proposedEmail: user.email ?? user.proposedEmail ?? null }));
  const emails = candidates.flatMap((candidate) => (candidate.proposedEmail ? [normalizeEmail(candidate.proposedEmail)] : []));
  const owners = await UserModel.find({ email: { $in: emails } }, { email: 1 }).lean();
  const problems = reviewEmails(candidates, new Map(owners.map((owner) => [owner.email!, String(owner._id)])));
  return users.map((user) => ({
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
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'email must be a valid e-mail address', [{ path: 'email', message: 'must be a valid e-mail address' }]);
  const user = await findReviewUser(tenantId, userId);
  const before = user.email ?? user.proposedEmail ?? null;
  // The login is claimed when the update starts; until then nobody holds it.
  await UserModel.updateOne({ _id: user._id }, { $set: { proposedEmail: parsed.data }, $unset: { email: 1 } });
  await AuditEventModel.create({ actor, action: 'migration.emailFixed', entityType: 'user', entityId: userId, tenantId, before: { proposedEmail: before }, after: { proposedEmail: parsed.data } });
}

/** Excludes a user from the migration (the review's "inactivate"), or includes them again. No lifecycle exists yet. */
export async function setExcluded(tenantId: string, userId: string, excluded: boolean, actor: Actor) {
  const user = await findReviewUser(tenantId, userId);
  const status = excluded ? 'inactive' : 'staged';
  if (user.status === status) return;
  await UserModel.updateOne({ _id: user._id }, { $set: { status, statusChangedAt: new Date(), deactivatedAt: excluded ? new Date() : null } });
  await AuditEventModel.create({ actor, action: excluded ? 'migration.userInactivated' : 'migration.userIncluded', entityType: 'user', entityId: userId, tenantId, before: { status: user.status }, after: { status } });
}
