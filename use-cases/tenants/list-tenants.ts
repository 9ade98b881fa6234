import type { Page } from '../../data/paged-list.js';
import { listTenants as findTenants, type TenantListFilter } from '../../data/tenants.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toTenantView } from './tenant-view.js';

/** A page of tenants and how many match. */
export async function listTenants(scope: TenantScope, filter: TenantListFilter, page: Page) {
  const { records, total } = await findTenants(scope, filter, page);
  return { items: records.map(toTenantView), total };
}
