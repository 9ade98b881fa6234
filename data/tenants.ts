import { Types } from 'mongoose';
import type { Plan } from '../domain/tenant.js';
import { match, objectId, prefixSearch } from './list-filters.js';
import { TenantModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

/** The tenant with this id; null for none, or for a string that is no id at all. */
export const findTenant = async (tenantId: string) => (Types.ObjectId.isValid(tenantId) ? await TenantModel.findById(tenantId).lean() : null);
/** One as MongoDB returns it (lean). */
export type TenantRecord = NonNullable<Awaited<ReturnType<typeof findTenant>>>;

export interface TenantListFilter {
  q?: string;
  id?: string | string[];
  plan?: Plan | Plan[];
}

/** The MongoDB filter of a tenants list: `q` is a prefix of the lowercased name, a range on its index. */
export const tenantListWhere = (filter: TenantListFilter) => ({
  ...match('_id', filter.id, objectId),
  ...prefixSearch(['nameLower'], filter.q),
  ...match('plan', filter.plan),
});

export const listTenants = (filter: TenantListFilter, page: Page) => findPage<TenantRecord>(TenantModel, tenantListWhere(filter), page);
