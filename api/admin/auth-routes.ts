import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { adminIdentitySchema } from '../../domain/admin-account.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { readCookie } from '../http/cookies.js';
import { DocumentedRouter } from '../http/documented-router.js';
import { fail } from '../http/error-messages.js';
import { clientKey, signInLimiter, type LoginThrottle } from '../http/login-throttle.js';
import type { UseCases } from '../../use-cases/index.js';
import { SESSION_COOKIE, clearSessionCookie, requireAdminSession, setSessionCookie } from './session.js';

const signInSchema = z.object({ email: z.string().trim().max(254).min(3), password: z.string().min(1).max(200) });

export function adminAuthRoutes(registry: OpenAPIRegistry, deps: { config: Config; useCases: UseCases; throttle: LoginThrottle }) {
  const { adminAccounts } = deps.useCases;
  const secure = deps.config.publicUrl.startsWith('https:');
  const routes = new DocumentedRouter(registry, '/api/admin/auth', { tag: 'Admin auth', security: 'none', errors: [] });
  const perClient = signInLimiter('admin', { windowMs: deps.config.RATE_LIMIT_WINDOW, limit: deps.config.LOGIN_RATE_LIMIT });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/login',
    summary: 'Sign in to the admin console; sets the httpOnly session cookie',
    body: signInSchema,
    responses: {
      200: { description: 'Signed in', schema: adminIdentitySchema, headers: { 'Set-Cookie': `${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax; Path=/api` } },
    },
    middleware: [perClient],
    errors: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'],
    handler: async ({ body }, req, res) => {
      const attempt = await deps.throttle.begin('admin', normalizeEmail(body.email), clientKey(req.ip));
      const identity = await adminAccounts.signIn(body.email, body.password);
      // A refusal leaves the attempt counted as a failure.
      if (!identity) throw fail('INVALID_CREDENTIALS');
      await attempt.succeeded();
      // A fresh session for each sign-in; the one this browser held ends.
      const session = await adminAccounts.startSession(identity, readCookie(req, SESSION_COOKIE));
      setSessionCookie(res, session, { ttlMs: deps.config.ADMIN_SESSION_TTL, secure });
      res.json(identity);
    },
  });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/logout',
    summary: 'Sign out: ends the session and clears the cookie (also without a session)',
    responses: { 204: { description: 'Signed out' } },
    handler: async (_input, req, res) => {
      await adminAccounts.closeSession(readCookie(req, SESSION_COOKIE));
      clearSessionCookie(res, secure);
      res.status(204).end();
    },
  });

  routes.route({
    method: 'get',
    scope: 'none',
    path: '/me',
    summary: 'The signed-in admin, or 401',
    security: 'adminSession',
    middleware: [requireAdminSession(adminAccounts)],
    responses: { 200: { description: 'The signed-in admin', schema: adminIdentitySchema } },
    handler: (_input, req, res) => {
      res.json(req.admin);
    },
  });

  return routes;
}
