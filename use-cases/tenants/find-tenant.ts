import { findTenant } from '../../data/tenants.js';
import { domainError } from '../../domain/errors.js';
import { toTenantView } from './tenant-view.js';

/** The tenant with this id, or TENANT_NOT_FOUND. */
export async function findTenantOrFail(tenantId: string) {
  const tenant = await findTenant(tenantId);
  if (!tenant) throw domainError('TENANT_NOT_FOUND');
  return tenant;
}

export const findTenantView = async (tenantId: string) => toTenantView(await findTenantOrFail(tenantId));
