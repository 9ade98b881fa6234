import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { fail } from './error-messages.js';

/**
 * Fixed-window limits kept in this process's memory. Enough for one API instance; several
 * instances behind a balancer need a shared store (express-rate-limit's Redis/Mongo stores).
 */
export function limiter(options: { windowMs: number; limit: number; key: (req: Request) => string }) {
  return rateLimit({
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
