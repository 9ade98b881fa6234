import type { Request } from 'express';
import type { AdminIdentity } from '../../domain/admin-account.js';
import type { Actor } from '../../domain/actor.js';
import { fail } from './error-messages.js';

export type { AdminIdentity };
export interface IntegrationIdentity {
  keyId: string;
  name: string;
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
