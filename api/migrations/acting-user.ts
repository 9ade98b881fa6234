import type { Request } from 'express';
import { fail } from '../http/error-messages.js';

/**
 * Who "Update accounts" runs on behalf of. A console account linked to a tenant user acts as
 * that user (its scope, that user's tenant, is checked by the use-case); a platform account or an
 * integration names the tenant user in `actingUserId`, and the eligibility rule then applies to
 * that user alike.
 */
export function actingUserFor(req: Request, named: string | undefined): string {
  const linked = req.admin?.tenantUserId;
  if (linked) {
    if (named !== undefined && named !== linked) {
      throw fail('VALIDATION_FAILED', { fields: [{ path: 'actingUserId', message: `this console account acts as its linked tenant user ${linked} only` }] });
    }
    return linked;
  }
  if (named === undefined) {
    throw fail('VALIDATION_FAILED', { fields: [{ path: 'actingUserId', message: 'required: name the tenant user the update runs on behalf of' }] });
  }
  return named;
}
