import { Types } from 'mongoose';
import type { AdminRole } from '../domain/admin-account.js';
import { match, objectId, prefixSearch } from './list-filters.js';
import { AdminAccountModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

/** The console account with this id; null for none, or for a string that is no id at all. */
export const findAdminAccount = async (id: string) => (Types.ObjectId.isValid(id) ? await AdminAccountModel.findById(id).lean() : null);
/** One as MongoDB returns it (lean). */
export type AdminAccountRecord = NonNullable<Awaited<ReturnType<typeof findAdminAccount>>>;

export interface AdminAccountListFilter {
  q?: string;
  id?: string | string[];
  role?: AdminRole;
}

/** `q` is a prefix of the (lowercased) e-mail. */
export const adminAccountListWhere = (filter: AdminAccountListFilter) => ({
  ...match('_id', filter.id, objectId),
  ...prefixSearch(['email'], filter.q),
  ...match('role', filter.role),
});

export const listAdminAccounts = (filter: AdminAccountListFilter, page: Page) =>
  findPage<AdminAccountRecord>(AdminAccountModel, adminAccountListWhere(filter), page);

/** Enabled accounts with the admin role other than this one: the last of them is never removed or demoted. */
export const adminsLeftWithout = (id: string) => AdminAccountModel.countDocuments({ role: 'admin', disabledAt: null, _id: { $ne: new Types.ObjectId(id) } });
