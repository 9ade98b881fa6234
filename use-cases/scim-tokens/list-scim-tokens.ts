import { allScimTokens, findScimToken, tenantScimTokens } from '../../data/scim-tokens.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { findTenantOrFail } from '../tenants/find-tenant.js';
import { toScimTokenView } from './scim-token-view.js';

/** A tenant has a handful of identity providers at most; its page lists the latest ones. */
const TENANT_LIST_LIMIT = 100;

/** Every token, oldest first (the CLI). */
export const listAllScimTokens = async () => (await allScimTokens()).map(toScimTokenView);

/** A tenant's tokens, newest first (the console's tenant page); TENANT_NOT_FOUND once the tenant is gone. */
export async function listTenantScimTokens(scope: TenantScope, tenantId: string) {
  requireTenant(scope, tenantId);
  await findTenantOrFail(tenantId);
  return (await tenantScimTokens(tenantId, TENANT_LIST_LIMIT)).map(toScimTokenView);
}

/** The token with this id, or NOT_FOUND (also another tenant's). */
export async function findScimTokenOrFail(scope: TenantScope, id: string) {
  const token = await findScimToken(scope, id);
  if (!token) throw domainError('NOT_FOUND', { detail: 'no SCIM token with this id' });
  return toScimTokenView(token);
}
