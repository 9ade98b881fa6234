import type { BoundedPage } from '../../data/paged-list.js';
import { listUsers as findUsers, type UserListFilter } from '../../data/users.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toUserView } from './user-view.js';

/**
 * A page of users within the scope (the console's list and search), how many match (exact up to
 * 10,000, then `more`), and the cursor the next page starts from (`next`, null after the last).
 */
export async function listUsers(scope: TenantScope, filter: UserListFilter, page: BoundedPage) {
  const { records, total, more, next } = await findUsers(scope, filter, page);
  return { items: records.map(toUserView), total, more, next };
}
