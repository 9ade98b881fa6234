import { tenantsWithin, type TenantScope } from '../domain/tenant-scope.js';
import { match, objectId } from './list-filters.js';

/**
 * The scope as MongoDB conditions, for the collections whose documents belong to a tenant. Every
 * query a use-case runs for a caller goes through one of these, so a tenant's principal reads,
 * counts and changes its own tenant's documents only.
 */

/** The condition on a document's own tenant field: nothing for the platform. Audit events keep the id as a string. */
export const scopeWhere = (scope: TenantScope, field = 'tenantId', convert: (id: string) => unknown = objectId): Record<string, unknown> =>
  scope.kind === 'platform' ? {} : { [field]: convert(scope.tenantId) };

/** A list's tenant filter intersected with the scope (domain/tenant-scope.ts tenantsWithin), as a condition. */
export const scopedTenantMatch = (
  scope: TenantScope,
  requested: string | string[] | undefined,
  field = 'tenantId',
  convert: (id: string) => unknown = objectId,
) => match(field, tenantsWithin(scope, requested), convert);
