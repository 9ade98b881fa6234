import { Types } from 'mongoose';
import type { ActivationStatus } from '../domain/activation-status.js';
import type { Role } from '../domain/user.js';
import { match, objectId } from './list-filters.js';
import { UserModel } from './models/index.js';
import { userSearchFilter } from './models/user-search.js';
import { findPage, type Page } from './paged-list.js';

/** The user with this id; null for none, or for a string that is no id at all. */
export const findUser = async (userId: string) => (Types.ObjectId.isValid(userId) ? await UserModel.findById(userId).lean() : null);
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
export function userListWhere(filter: UserListFilter): Record<string, unknown> {
  const filters = {
    ...match('_id', filter.id, objectId),
    ...match('status', filter.status),
    ...match('tenantId', filter.tenantId, objectId),
    ...match('role', filter.role),
    ...match('emailFailing', filter.emailFailing),
  };
  return filter.q ? userSearchFilter(filter.q, filters) : filters;
}

/** A page of users; each filter and sort the console sends has its index (data/models/user.ts). */
export const listUsers = (filter: UserListFilter, page: Page) => findPage<UserRecord>(UserModel, userListWhere(filter), page);
