import type { RequestHandler } from 'express';
import type { ScimIdentity, UseCases } from '../../use-cases/index.js';
import { ScimError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    scim?: ScimIdentity;
  }
}

/** `Authorization: Bearer scim_…`; anything else (missing, malformed, unknown, revoked) is the same 401. */
export const requireScimToken =
  (scimTokens: Pick<UseCases['scimTokens'], 'authenticate'>): RequestHandler =>
  async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const identity = match ? await scimTokens.authenticate(match[1]!) : null;
    if (!identity) throw new ScimError(401, null, 'send a valid SCIM token as "Authorization: Bearer scim_…" (npm run cli -- scim-tokens create)');
    req.scim = identity;
    next();
  };
