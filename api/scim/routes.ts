import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/env.js';
import { tenantScope } from '../../domain/tenant-scope.js';
import type { UseCases } from '../../use-cases/index.js';
import { limiter } from '../http/rate-limits.js';
import { attributeList, projectAttributes } from './attributes.js';
import { listResponse, MAX_RESULTS, schemas, serviceProviderConfig, userResourceType } from './discovery.js';
import { invalidValue, notFound, SCIM_CONTENT_TYPE, ScimError, scimErrorMiddleware } from './errors.js';
import { parseFilter } from './filter.js';
import { requireScimToken } from './auth.js';
import { toScimResource } from './user-mapping.js';
import { searchRequestSchema } from './search-request.js';
import { scimUsers } from './users.js';

export const SCIM_PREFIX = '/scim/v2';
/** A list answer's size when the client names none (Okta asks for 100, Entra for one user by filter). */
const DEFAULT_COUNT = 100;

const methodNotAllowed: RequestHandler = (req) => {
  throw new ScimError(405, null, `${req.method} is not allowed here: the discovery endpoints are read with GET`);
};

/** startIndex and count (RFC 7644 §3.4.2.4): 1-based, below 1 read as 1; count capped at the advertised maxResults. */
function paging(startIndex: unknown, count: unknown) {
  const integer = (value: unknown, name: string, fallback: number) => {
    if (value === undefined || value === null || value === '') return fallback;
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw invalidValue(`${name} must be an integer of at most 15 digits`);
    return number;
  };
  return { startIndex: Math.max(1, integer(startIndex, 'startIndex', 1)), count: Math.min(MAX_RESULTS, Math.max(0, integer(count, 'count', DEFAULT_COUNT))) };
}

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * /scim/v2: the SCIM 2.0 service provider (RFC 7643/7644) for identity providers. Each token
 * belongs to one tenant and sees only that tenant's users. Authentication runs before the body is
 * read; bodies are JSON as application/scim+json (or application/json), at most 100 kB.
 */
export function scimRoutes({ config, useCases }: { config: Pick<Config, 'publicUrl' | 'RATE_LIMIT_WINDOW' | 'API_RATE_LIMIT'>; useCases: UseCases }) {
  const router = Router();
  const baseUrl = `${config.publicUrl}${SCIM_PREFIX}`;
  const users = scimUsers(useCases.scim);
  // A SCIM token is always one office's: its scope.
  const caller = (req: Request) => ({ scope: tenantScope(req.scim!.tenantId), actor: useCases.scimTokens.actorOf(req.scim!) });
  const send = (res: Response, status: number, body: unknown) => res.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));

  router.use(requireScimToken(useCases.scimTokens));
  // Per token (its id, never the secret), after authentication and before the body is read:
  // RateLimit and RateLimit-Policy headers on each answer, 429 with Retry-After past API_RATE_LIMIT.
  router.use(limiter({ windowMs: config.RATE_LIMIT_WINDOW, limit: config.API_RATE_LIMIT, key: (req) => `scim:${req.scim!.tokenId}` }));
  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '100kb' }));

  router
    .route('/ServiceProviderConfig')
    .get((_req, res) => send(res, 200, serviceProviderConfig(baseUrl, `${config.publicUrl}/api/docs`)))
    .all(methodNotAllowed);
  router
    .route('/ResourceTypes')
    .get((_req, res) => send(res, 200, listResponse([userResourceType(baseUrl)])))
    .all(methodNotAllowed);
  router
    .route('/ResourceTypes/:id')
    .get((req, res) => {
      if (req.params.id !== 'User') throw notFound(`no resource type "${req.params.id}": this service provider has User only`);
      send(res, 200, userResourceType(baseUrl));
    })
    .all(methodNotAllowed);
  router
    .route('/Schemas')
    .get((_req, res) => send(res, 200, listResponse(schemas(baseUrl))))
    .all(methodNotAllowed);
  router
    .route('/Schemas/:id')
    .get((req, res) => {
      const schema = schemas(baseUrl).find((candidate) => candidate.id === req.params.id);
      if (!schema) throw notFound(`no schema "${req.params.id}"`);
      send(res, 200, schema);
    })
    .all(methodNotAllowed);

  /** A list answer for GET /Users and POST …/.search, whose parameters come from the query or the body. */
  async function search(req: Request, res: Response, params: Record<string, unknown>) {
    const filterText = one(params.filter);
    if (filterText !== undefined && filterText !== null && typeof filterText !== 'string') throw new ScimError(400, 'invalidFilter', 'filter must be a string');
    // An empty filter parameter (some clients send `filter=`) asks for no filtering.
    const filter = filterText?.trim() ? parseFilter(filterText) : null;
    const { startIndex, count } = paging(one(params.startIndex), one(params.count));
    const attributes = attributeList(params.attributes);
    const excluded = attributeList(params.excludedAttributes);
    const { total, users: page } = await users.list(caller(req), filter, startIndex, count);
    send(
      res,
      200,
      listResponse(
        page.map((user) => projectAttributes(toScimResource(user, baseUrl), attributes, excluded)),
        total,
        startIndex,
      ),
    );
  }
  const body = (req: Request) => (typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {});
  /** A search request's parameters, checked against their schema (a wrong type is 400 invalidValue). */
  const searchRequest = (req: Request) => {
    const parsed = searchRequestSchema.safeParse(body(req));
    if (!parsed.success) throw invalidValue(`search request: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    return parsed.data;
  };
  /** One user, as the query's attributes/excludedAttributes ask. */
  const answer = (req: Request, res: Response, status: number, user: Parameters<typeof toScimResource>[0]) => {
    const resource = toScimResource(user, baseUrl);
    if (status === 201) res.location(resource.meta!.location);
    send(res, status, projectAttributes(resource, attributeList(one(req.query.attributes)), attributeList(one(req.query.excludedAttributes))));
  };

  router.get('/Users', (req, res) => search(req, res, req.query));
  // Only Users are provided, so a search of every resource type (the root) is a search of Users.
  router.post('/Users/.search', (req, res) => search(req, res, searchRequest(req)));
  router.post('/.search', (req, res) => search(req, res, searchRequest(req)));
  router.post('/Users', async (req, res) => answer(req, res, 201, await users.create(caller(req), req.body)));
  router.get('/Users/:id', async (req, res) => answer(req, res, 200, await users.find(caller(req), req.params.id)));
  router.put('/Users/:id', async (req, res) => answer(req, res, 200, await users.replace(caller(req), req.params.id, req.body)));
  router.patch('/Users/:id', async (req, res) => answer(req, res, 200, await users.patch(caller(req), req.params.id, req.body)));
  router.delete('/Users/:id', async (req, res) => {
    await users.remove(caller(req), req.params.id);
    res.status(204).end();
  });

  router.use((req) => {
    throw notFound(`no SCIM endpoint ${req.method} ${req.path}; this service provider has /ServiceProviderConfig, /Schemas, /ResourceTypes and /Users`);
  });
  router.use(scimErrorMiddleware);
  return router;
}
