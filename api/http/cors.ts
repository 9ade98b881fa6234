import type { RequestHandler } from 'express';

/**
 * CORS is closed unless CORS_ORIGINS names the origin: the admin app is served by the API itself
 * (same origin), and integrations call from servers, where CORS does not apply.
 */
export function cors(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) return next();
    res.vary('Origin');
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Request-Id, Retry-After');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key, Range, Accept-Language');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
