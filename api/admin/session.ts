import type { RequestHandler, Response } from 'express';
import { fail } from '../http/error-messages.js';
import { readCookie } from '../http/cookies.js';
import type { UseCases } from '../../use-cases/index.js';

export const SESSION_COOKIE = 'admin_session';

/** httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure behind https. */
export function setSessionCookie(res: Response, raw: string, options: { ttlMs: number; secure: boolean }) {
  res.cookie(SESSION_COOKIE, raw, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/api', maxAge: options.ttlMs });
}
export function clearSessionCookie(res: Response, secure: boolean) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/api' });
}

/** A console session, or 401; `req.admin` is who holds it. */
export const requireAdminSession =
  (adminAccounts: Pick<UseCases['adminAccounts'], 'sessionIdentity'>): RequestHandler =>
  async (req, _res, next) => {
    // Already checked before a large body was parsed (app.ts).
    if (req.admin) return next();
    const identity = await adminAccounts.sessionIdentity(readCookie(req, SESSION_COOKIE));
    if (!identity) throw fail('UNAUTHENTICATED', { detail: 'sign in to the admin console' });
    req.admin = identity;
    next();
  };

/** Viewers read; only admins change anything. */
export const writesNeedAdminRole: RequestHandler = (req, _res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.admin?.role !== 'admin') throw fail('FORBIDDEN');
  next();
};
