import type { Request, RequestHandler } from 'express';
import { fail } from '../http/error-messages.js';

/**
 * Console accounts and API keys are credentials: a viewer does not even read them (the list
 * would show who can sign in and which systems hold keys). Other resources are readable by viewers.
 */
export const readsNeedAdminRole: RequestHandler = (req, _res, next) => {
  if (req.admin?.role !== 'admin') throw fail('FORBIDDEN', { detail: 'only the admin role sees console accounts, API keys and SCIM tokens' });
  next();
};

/**
 * A tenant account (linked to a tenant user) manages no console account, its own included, and
 * no API key: it could otherwise unlink itself, create a platform account, or take a key that
 * reaches every tenant through /api/v1, and so leave its tenant.
 */
export function platformAccountsOnly(req: Request, what: 'console accounts' | 'API keys' | 'SCIM tokens') {
  if (req.admin?.tenantUserId) throw fail('FORBIDDEN', { detail: `a console account linked to a tenant user cannot manage ${what}` });
}
