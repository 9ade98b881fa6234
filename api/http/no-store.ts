import type { RequestHandler } from 'express';

/**
 * Every API answer is one caller's data, and some carry a secret answered once (a new API key,
 * SCIM token or webhook secret, a generated password, an invitation link): no browser, proxy or
 * CDN on the way keeps any of them. One rule for the whole API rather than a header per route, so
 * a new route that answers a secret cannot forget it (test/api/no-store.test.ts).
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
