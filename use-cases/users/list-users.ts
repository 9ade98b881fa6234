import type { Page } from '../../data/paged-list.js';
import { listUsers as findUsers, type UserListFilter } from '../../data/users.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toUserView } from './user-view.js';

/** A page of users within the scope (the console's list and search) and how many match. */
export async function listUsers(scope: TenantScope, filter: UserListFilter, page: Page) {
  const { records, total } = await findUsers(scope, filter, page);
  return { items: records.map(toUserView), total };
}
