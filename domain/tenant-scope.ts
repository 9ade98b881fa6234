import { domainError } from './errors.js';

/**
 * Whose records a caller reaches: the platform's (every tenant; the vendor's support, the command
 * line, platform API keys) or one tenant's (a console account linked to an office's user, an API
 * key or a SCIM token of that office). It is decided once per request, from the principal
 * (api/http/principal.ts), and every use-case reachable from an entry point takes it first and
 * applies it through data/tenant-scope.ts, so no route filters by tenant on its own.
 */
export type TenantScope = { readonly kind: 'platform' } | { readonly kind: 'tenant'; readonly tenantId: string };

export const PLATFORM_SCOPE: TenantScope = Object.freeze({ kind: 'platform' });
export const tenantScope = (tenantId: string): TenantScope => Object.freeze({ kind: 'tenant', tenantId });

/** Whether the scope reaches records of this tenant (null: the platform's own records, such as global webhook endpoints). */
export const reaches = (scope: TenantScope, tenantId: string | null | undefined) =>
  scope.kind === 'platform' || (tenantId != null && tenantId === scope.tenantId);

/**
 * A tenant the caller names (in the path or the body) must be its own: OTHER_TENANT otherwise,
 * decided without looking the tenant up, so the answer says nothing about whether it exists.
 * A record named by id is different: out of scope, it is as missing as one that never existed.
 */
export function requireTenant(scope: TenantScope, tenantId: string, field?: string) {
  if (!reaches(scope, tenantId)) throw domainError('OTHER_TENANT', field ? { fields: [{ path: field, message: 'names another tenant' }] } : {});
}

/** What only the platform does (creating or deleting tenants, console accounts): FORBIDDEN to a tenant's principal. */
export function requirePlatform(scope: TenantScope, what: string) {
  if (scope.kind !== 'platform') throw domainError('FORBIDDEN', { detail: `${what} is the platform's; an office's account or key cannot do it` });
}

/**
 * A list's tenant filter within the scope: the platform's as asked; a tenant's narrowed to itself,
 * and to nothing (an empty list) when it asked only for other tenants.
 */
export function tenantsWithin(scope: TenantScope, requested: string | string[] | undefined): string | string[] | undefined {
  if (scope.kind === 'platform') return requested;
  if (requested === undefined) return scope.tenantId;
  const asked = Array.isArray(requested) ? requested : [requested];
  return asked.includes(scope.tenantId) ? scope.tenantId : [];
}
