import { listAdminAccounts, type AdminAccountListFilter } from '../../data/admin-accounts.js';
import type { Page } from '../../data/paged-list.js';
import { toAdminView } from './admin-view.js';

/** A page of console accounts and how many match. */
export async function listAdmins(filter: AdminAccountListFilter, page: Page) {
  const { records, total } = await listAdminAccounts(filter, page);
  return { items: records.map(toAdminView), total };
}
