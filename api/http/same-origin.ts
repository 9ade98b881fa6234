import type { RequestHandler } from 'express';
import { fail } from './error-messages.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for the cookie-authenticated routes (the console's session). SameSite=Lax keeps the
 * cookie off cross-site POSTs, but not off *same-site* ones: a page on a sibling subdomain, or any
 * page on the same host under another port, can still post to /api/admin with the admin's cookie.
 * So a change must also come from the console's own origin:
 *   - `Sec-Fetch-Site` (sent by every current browser) must be `same-origin`, or `none` (typed);
 *   - otherwise `Origin`, when present, must be this server's origin or one of CORS_ORIGINS.
 * A request with neither header is not from a browser (curl, the CLI, a server): no ambient
 * cookie can ride along, so it needs no check.
 */
export function sameOriginWrites(options: { publicUrl: string; allowedOrigins: string[] }): RequestHandler {
  const trusted = new Set([new URL(options.publicUrl).origin, ...options.allowedOrigins]);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const ownOrigin = `${req.protocol}://${req.headers.host ?? ''}`;
    const allowed = site === 'same-origin' || site === 'none' || (site === undefined && (origin === undefined || trusted.has(origin) || origin === ownOrigin));
    // A listed CORS origin is cross-site by definition: its fetches are allowed on their Origin.
    const allowedCrossOrigin = site !== undefined && origin !== undefined && options.allowedOrigins.includes(origin);
    if (!allowed && !allowedCrossOrigin) throw fail('CROSS_SITE_REQUEST');
    next();
  };
}
