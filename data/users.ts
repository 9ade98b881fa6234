import { Types } from 'mongoose';
import type { ActivationStatus } from '../domain/activation-status.js';
import type { TenantScope } from '../domain/tenant-scope.js';
import type { Role } from '../domain/user.js';
import { match, objectId } from './list-filters.js';
import { UserModel } from './models/index.js';
import { userSearchFilter } from './models/user-search.js';
import { findBoundedPage, type BoundedPage } from './paged-list.js';
import { scopedTenantMatch, scopeWhere } from './tenant-scope.js';

/** The user with this id within the scope; null for none, another tenant's, or a string that is no id at all. */
export const findUser = async (scope: TenantScope, userId: string) =>
  Types.ObjectId.isValid(userId) ? await UserModel.findOne({ _id: new Types.ObjectId(userId), ...scopeWhere(scope) }).lean() : null;
/** One as MongoDB returns it (lean). */
export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export interface UserListFilter {
  q?: string;
  id?: string | string[];
  status?: ActivationStatus | ActivationStatus[];
  tenantId?: string | string[];
  role?: Role;
  emailFailing?: boolean;
  /** The users waiting in the migration review too, listed or not: one office's (the API asks for its tenantId). */
  includeReview?: boolean;
}

/**
 * The MongoDB filter of a users list: `q` starts words of the name or the e-mail, case and accents
 * ignored (user-search.ts). The listed users only (data/models/user.ts `listed`: not those an import
 * staged, who wait in the migration review, their own screen), whose indexes the lists walk; but
 * users asked for by id (react-admin's getMany: a reference shown elsewhere) whether listed or not,
 * and an office's with `includeReview` (who may press "Update accounts": its users by code, on the
 * {tenantId, code} index every user enters).
 */
export function userListWhere(scope: TenantScope, filter: UserListFilter): Record<string, unknown> {
  const filters = {
    ...(filter.id === undefined && !filter.includeReview ? { listed: true } : {}),
    ...match('_id', filter.id, objectId),
    ...match('status', filter.status),
    ...scopedTenantMatch(scope, filter.tenantId),
    ...match('role', filter.role),
    ...match('emailFailing', filter.emailFailing),
  };
  return filter.q ? userSearchFilter(filter.q, filters) : filters;
}

/** What a user's view shows neither of (use-cases/users/user-view.ts): the search keys, SCIM's copy. Left out of lists and sync pages. */
const NOT_IN_VIEW = { nameKeys: 0, emailKeys: 0, scim: 0 } as const;

/**
 * A page of users, bounded at any size (data/paged-list.ts findBoundedPage): each filter and sort the
 * console sends has its index (data/models/user.ts), but a search in another order than newest
 * first, and the rarer combinations, are sorted in memory when few match. `email` is the one sort
 * field a user may lack (staged without a login yet).
 */
export const listUsers = (scope: TenantScope, filter: UserListFilter, page: BoundedPage) =>
  findBoundedPage<UserRecord>(UserModel, userListWhere(scope, filter), page, {
    nullable: ['email'],
    searchKeys: ['nameKeys', 'emailKeys'],
    searchedOrders: ['nameLower', 'email'],
    projection: NOT_IN_VIEW,
  });

/** What a sync walk filters on (use-cases/users/sync-users.ts); each combination has its index (data/models/user.ts). */
export interface UserSyncFilter {
  tenantId?: string;
  status?: ActivationStatus[];
  /** Users whose updatedAt is at or after this instant. */
  updatedSince?: Date;
}

const FIRST_OBJECT_ID = new Types.ObjectId('000000000000000000000000');

/**
 * The query behind one page of the sync walk: users after `afterId` in `_id` order (immutable, so a
 * user changed mid-walk keeps its place: seen once), at most `limit` of them, without the search
 * keys and SCIM's copy (the view shows neither). The index is named rather than left to the
 * planner, which takes plans that read documents to check what the index holds (status or
 * updatedAt) when they tie in its trial; connectMongo builds the indexes before anything is served.
 * Exported for test/api/user-sync.test.ts to ask MongoDB for its plan.
 */
export function userSyncQuery(scope: TenantScope, filter: UserSyncFilter, afterId: string | null, limit: number) {
  const where: Record<string, unknown> = {
    ...scopedTenantMatch(scope, filter.tenantId),
    ...(filter.status ? match('status', filter.status.length === 1 ? filter.status[0] : filter.status) : {}),
    ...(filter.updatedSince ? { updatedAt: { $gte: filter.updatedSince } } : {}),
    // From the first id on without a cursor: a bound on _id lets MongoDB bound updatedAt on { tenantId: 1, _id: 1, updatedAt: 1 } too.
    _id: afterId ? { $gt: new Types.ObjectId(afterId) } : { $gte: FIRST_OBJECT_ID },
  };
  // The indexes of data/models/user.ts for the walk: an office's, or the console's { status: 1, _id: 1 }, or _id's.
  const index = where.tenantId !== undefined ? { tenantId: 1, _id: 1, updatedAt: 1 } : filter.status ? { status: 1, _id: 1 } : { _id: 1 };
  return UserModel.find(where, NOT_IN_VIEW).sort({ _id: 1 }).hint(index).limit(limit);
}

/** One page of the sync walk (see userSyncQuery). */
export const userSyncPage = (scope: TenantScope, filter: UserSyncFilter, afterId: string | null, limit: number) =>
  userSyncQuery(scope, filter, afterId, limit).lean<UserRecord[]>();
