import type { Page } from '../../data/paged-list.js';
import { listUsers as findUsers, type UserListFilter } from '../../data/users.js';
import { toUserView } from './user-view.js';

/** A page of users (the console's list and search) and how many match. */
export async function listUsers(filter: UserListFilter, page: Page) {
  const { records, total } = await findUsers(filter, page);
  return { items: records.map(toUserView), total };
}
