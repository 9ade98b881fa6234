import { findTenant } from '../../data/tenants.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { toTenantView } from './tenant-view.js';

/** The tenant with this id, or TENANT_NOT_FOUND. */
export async function findTenantOrFail(tenantId: string) {
  const tenant = await findTenant(tenantId);
  if (!tenant) throw domainError('TENANT_NOT_FOUND');
  return tenant;
}

/** The tenant as the API answers it; OTHER_TENANT when it is not the caller's. */
export async function findTenantView(scope: TenantScope, tenantId: string) {
  requireTenant(scope, tenantId);
  return toTenantView(await findTenantOrFail(tenantId));
}
