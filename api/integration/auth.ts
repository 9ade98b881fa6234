import type { RequestHandler } from 'express';
import { fail } from '../http/error-messages.js';
import { limiter } from '../http/rate-limits.js';
import type { UseCases } from '../../use-cases/index.js';

/** Requests per API key per window (API_RATE_LIMIT per RATE_LIMIT_WINDOW). */
export interface PerKeyLimit {
  windowMs: number;
  limit: number;
}

/**
 * `Authorization: Bearer ak_…`; anything else is the same 401, but for an expired key, which says
 * so (API_KEY_EXPIRED). Then the key's requests are counted (keyed by the key's id, never the
 * secret; shared by every API process): RateLimit and RateLimit-Policy headers on each answer,
 * 429 RATE_LIMITED with Retry-After past the limit.
 */
export const requireApiKey = (apiKeys: Pick<UseCases['apiKeys'], 'authenticate'>, perKey: PerKeyLimit): RequestHandler => {
  const limit = limiter({ ...perKey, key: (req) => `apikey:${req.integration!.keyId}` });
  return async (req, res, next) => {
    // Already checked, and counted, before a large body was parsed (app.ts).
    if (req.integration) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const identity = match ? await apiKeys.authenticate(match[1]!) : null;
    if (identity === 'expired')
      throw fail('API_KEY_EXPIRED', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="API key expired"' } });
    if (!identity)
      throw fail('UNAUTHENTICATED', { detail: 'send a valid API key as "Authorization: Bearer <key>"', headers: { 'WWW-Authenticate': 'Bearer' } });
    req.integration = identity;
    await limit(req, res, next);
  };
};
