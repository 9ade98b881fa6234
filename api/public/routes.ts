import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { TOKEN_PATTERN } from '../../security/invitation-token.js';
import { localeSchema } from '../../domain/locale.js';
import { DocumentedRouter } from '../http/documented-router.js';
import type { LoginThrottle } from '../http/login-throttle.js';
import { byIp, limiter } from '../http/rate-limits.js';
import { passwordSchema } from '../../domain/password.js';
import type { UseCases } from '../../use-cases/index.js';
import { clientKey } from '../http/login-throttle.js';
import { loginResult, loginSchema } from './login.js';
import { signupSchema } from './signup.js';

const tokenParams = z.object({ token: z.string().regex(TOKEN_PATTERN, 'must be the 43-character token from the e-mail link') });

const invitationView = z
  .object({
    name: z.string(),
    email: z.string(),
    legacyUsername: z.string().nullable(),
    tenantName: z.string(),
    locale: localeSchema,
    expiresAt: z.iso.datetime(),
    signInUrl: z.url().meta({ description: "Where to sign in once access is ready: the office's main system, or the platform's page" }),
    branding: z
      .object({ logoUrl: z.string().nullable(), accentColor: z.string().nullable(), supportContact: z.string().nullable() })
      .meta({ description: "The office's logo, colour and support contact; null: the platform's" }),
  })
  .meta({ id: 'PublicInvitation' });

const acceptSchema = z
  .object({ password: passwordSchema, passwordConfirmation: z.string().max(200) })
  .refine((body) => body.password === body.passwordConfirmation, { path: ['passwordConfirmation'], error: 'must match the password' })
  .meta({ id: 'AcceptInvitation' });

const acceptResult = z
  .object({
    status: z.literal('registered'),
    registeredAt: z.iso.datetime(),
    accessAt: z.iso.datetime().meta({ description: 'When sign-in will work (after the sync delay)' }),
  })
  .meta({ id: 'AcceptResult' });

const accepted = z.object({ message: z.string() }).meta({ id: 'Accepted' });
const acceptedMessages = {
  renew: {
    en: 'If this link belongs to an account awaiting registration, a new one is on its way to the address on file.',
    'pt-BR': 'Se este link pertence a uma conta aguardando cadastro, um novo link está a caminho do e-mail cadastrado.',
  },
  signup: {
    en: 'Check your e-mail: the link to create your password is on its way. Look in the spam folder too.',
    'pt-BR': 'Verifique seu e-mail: o link para criar sua senha está a caminho. Olhe também a pasta de spam.',
  },
};

/** /api/public: what end users' browsers call. No auth; limited per IP, and per token on invitation routes. */
export function publicRoutes(
  registry: OpenAPIRegistry,
  deps: { config: Pick<Config, 'RATE_LIMIT_WINDOW' | 'PUBLIC_RATE_LIMIT' | 'TOKEN_RATE_LIMIT'>; useCases: UseCases; throttle: LoginThrottle },
) {
  const { config } = deps;
  const { users, onboarding } = deps.useCases;
  const routes = new DocumentedRouter(registry, '/api/public', { tag: 'Public', security: 'none', errors: ['RATE_LIMITED'] });
  routes.router.use(limiter({ windowMs: config.RATE_LIMIT_WINDOW, limit: config.PUBLIC_RATE_LIMIT, key: byIp }));
  const perToken = limiter({ windowMs: config.RATE_LIMIT_WINDOW, limit: config.TOKEN_RATE_LIMIT, key: (req) => `token:${String(req.params.token)}` });

  routes.route({
    method: 'get',
    scope: 'none',
    path: '/invitations/:token',
    summary: 'What the registration page shows; never consumes the link',
    params: tokenParams,
    middleware: [perToken],
    responses: { 200: { description: 'The invitation can be accepted', schema: invitationView } },
    errors: ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'INVITATION_USED', 'INVITATION_SUPERSEDED', 'INVITATION_NOT_ACTIVE'],
    handler: async ({ params }, _req, res) => {
      res.json(await users.invitationDetails(params.token));
    },
  });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/invitations/:token/accept',
    summary: 'Create the password and register; answers when sign-in will work',
    params: tokenParams,
    body: acceptSchema,
    middleware: [perToken],
    responses: { 200: { description: 'Registered; access after the sync delay', schema: acceptResult } },
    errors: ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'INVITATION_USED', 'INVITATION_SUPERSEDED', 'INVITATION_NOT_ACTIVE'],
    handler: async ({ params, body }, _req, res) => {
      res.json(await users.acceptInvitation(params.token, body.password));
    },
  });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/invitations/:token/renew',
    summary: 'Ask for a new link to the address on file; the same answer whatever the link state',
    description:
      "Sends a new invitation only for the user's latest link, expired, sent to the current address, and at most once per RENEW_COOLDOWN per user; a superseded, used or other-address link sends nothing. The answer is the same 202 in every case.",
    params: tokenParams,
    middleware: [perToken],
    responses: { 202: { description: 'Accepted', schema: accepted } },
    handler: async ({ params, locale }, _req, res) => {
      await users.renewInvitation(params.token);
      res.status(202).json({ message: acceptedMessages.renew[locale] });
    },
  });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/signup',
    summary: 'Self-registration for tenants that allow it; the same answer whatever the tenant or the e-mail',
    description:
      "Creates a member and starts its lifecycle only when the tenant has selfSignup on and nobody has the e-mail yet (nor a staged user of the tenant as its proposed login). An unknown tenant, a tenant without self-signup, a known or staged e-mail: the same 202, and nothing is sent. `name` must be a person's name (letters, spaces, apostrophes, hyphens, dots; at most 100).",
    body: signupSchema,
    responses: { 202: { description: 'Accepted', schema: accepted } },
    handler: async ({ body, locale }, _req, res) => {
      await onboarding.selfSignup(body);
      res.status(202).json({ message: acceptedMessages.signup[locale] });
    },
  });

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/login',
    summary: 'Sign-in check: 200 when access is ready, 403 ACCESS_PENDING with Retry-After while it syncs or the main system links the login',
    body: loginSchema,
    responses: { 200: { description: 'Access is ready', schema: loginResult } },
    errors: ['INVALID_CREDENTIALS', 'ACCESS_PENDING', 'TOO_MANY_ATTEMPTS'],
    handler: async ({ body }, req, res) => {
      res.json(await users.signIn(deps.throttle, body.email, body.password, clientKey(req.ip)));
    },
  });

  return routes;
}
