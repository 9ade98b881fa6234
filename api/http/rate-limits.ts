import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { fail } from './error-messages.js';
import { MongoRateLimitStore } from './mongo-rate-limit-store.js';

/**
 * Fixed-window limits counted in MongoDB (MongoRateLimitStore), so several API processes share
 * each limit. Keys name their limit (`ip:`, `token:`, `signin:`…): limiters never share a key.
 */
export function limiter(options: { windowMs: number; limit: number; key: (req: Request) => string }) {
  return rateLimit({
    store: new MongoRateLimitStore(),
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: options.key,
    validate: { keyGeneratorIpFallback: false },
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(options.windowMs / 1000);
      next(fail('RATE_LIMITED', { headers: { 'Retry-After': String(seconds) } }));
    },
  });
}

export const byIp = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
