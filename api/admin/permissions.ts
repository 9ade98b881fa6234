import type { RequestHandler } from 'express';
import { fail } from '../http/error-messages.js';

/**
 * Console accounts and API keys are credentials: a viewer does not even read them (the list
 * would show who can sign in and which systems hold keys). Other resources are readable by viewers.
 */
export const readsNeedAdminRole: RequestHandler = (req, _res, next) => {
  if (req.admin?.role !== 'admin') throw fail('FORBIDDEN', { detail: 'only the admin role sees console accounts, API keys and SCIM tokens' });
  next();
};
