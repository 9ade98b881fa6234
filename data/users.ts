import { Types } from 'mongoose';
import type { ActivationStatus } from '../domain/activation-status.js';
import type { TenantScope } from '../domain/tenant-scope.js';
import type { Role } from '../domain/user.js';
import { match, objectId } from './list-filters.js';
import { UserModel } from './models/index.js';
import { userSearchFilter } from './models/user-search.js';
import { findPage, type Page } from './paged-list.js';
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
}

/** The MongoDB filter of a users list: `q` starts words of the name or the e-mail, case and accents ignored (user-search.ts). */
export function userListWhere(scope: TenantScope, filter: UserListFilter): Record<string, unknown> {
  const filters = {
    ...match('_id', filter.id, objectId),
    ...match('status', filter.status),
    ...scopedTenantMatch(scope, filter.tenantId),
    ...match('role', filter.role),
    ...match('emailFailing', filter.emailFailing),
  };
  return filter.q ? userSearchFilter(filter.q, filters) : filters;
}

/** A page of users; each filter and sort the console sends has its index (data/models/user.ts). */
export const listUsers = (scope: TenantScope, filter: UserListFilter, page: Page) => findPage<UserRecord>(UserModel, userListWhere(scope, filter), page);
