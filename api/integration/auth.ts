import type { RequestHandler } from 'express';
import { fail } from '../http/error-messages.js';
import type { UseCases } from '../../use-cases/index.js';

/** `Authorization: Bearer ak_…`; anything else is the same 401. */
export const requireApiKey =
  (apiKeys: Pick<UseCases['apiKeys'], 'authenticate'>): RequestHandler =>
  async (req, _res, next) => {
    // Already checked before a large body was parsed (app.ts).
    if (req.integration) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const identity = match ? await apiKeys.authenticate(match[1]!) : null;
    if (!identity)
      throw fail('UNAUTHENTICATED', { detail: 'send a valid API key as "Authorization: Bearer <key>"', headers: { 'WWW-Authenticate': 'Bearer' } });
    req.integration = identity;
    next();
  };
