import type { Request } from 'express';
import type { AdminIdentity } from '../../domain/admin-account.js';
import type { Actor } from '../../domain/actor.js';
import { PLATFORM_SCOPE, tenantScope, type TenantScope } from '../../domain/tenant-scope.js';
import { fail } from './error-messages.js';

export type { AdminIdentity };
export interface IntegrationIdentity {
  keyId: string;
  name: string;
  /** The office the key is scoped to; null for a platform key. */
  tenantId: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminIdentity;
    integration?: IntegrationIdentity;
  }
}

/** Who the audit trail names for this request; the auth middleware has already run. */
export function actorOf(req: Request): Actor {
  if (req.admin) return { type: 'admin', id: req.admin.id, label: req.admin.email };
  if (req.integration) return { type: 'integration', id: req.integration.keyId, label: req.integration.name };
  throw fail('UNAUTHENTICATED');
}

/**
 * The tenant scope of the request's principal, decided here once: a console account linked to an
 * office's user, or an office's API key, reaches that office only; other accounts and keys reach
 * the platform. A linked account whose tenant is somehow unknown reaches nothing (fail closed).
 * SCIM tokens are always an office's (api/scim/auth.ts).
 */
export function scopeOf(req: Request): TenantScope {
  if (req.admin) {
    if (req.admin.tenantUserId === null && req.admin.tenantId === null) return PLATFORM_SCOPE;
    return tenantScope(req.admin.tenantId ?? 'no-tenant');
  }
  if (req.integration) return req.integration.tenantId === null ? PLATFORM_SCOPE : tenantScope(req.integration.tenantId);
  throw fail('UNAUTHENTICATED');
}
