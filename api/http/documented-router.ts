import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { localeFromAcceptLanguage, type Locale } from '../../domain/locale.js';
import { requirePlatform, type TenantScope } from '../../domain/tenant-scope.js';
import { validationError } from '../errors.js';
import { errorBodySchema, type Security } from '../openapi/registry.js';
import { errorCatalog, type ErrorCode } from './error-messages.js';
import { jsonQuerySchema } from './json-query.js';
import { scopeOf } from './request-context.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject;

/** Operation extension naming the JSON query parameters, for the document's final pass (api/openapi/document.ts). */
export const JSON_QUERY_EXTENSION = 'x-json-query';
/** Operation extension stating the route's tenant-scope decision (ScopeDecision), read by test/api/tenant-isolation.test.ts. */
export const TENANT_SCOPE_EXTENSION = 'x-tenant-scope';

/**
 * What a route decides about tenants, stated by every route (route() refuses one without it, and
 * the isolation matrix walks every operation by it):
 * - `tenant`: the handler gets the principal's scope as `input.scope` and hands it to the use-case,
 *   which applies it (domain/tenant-scope.ts, data/tenant-scope.ts);
 * - `platform`: the platform's principals only; an office's account or key is FORBIDDEN before the handler runs;
 * - `none`: reads and changes no tenant's records for the caller (public pages, the caller's own session, documentation).
 */
export const scopeDecisions = ['tenant', 'platform', 'none'] as const;
export type ScopeDecision = (typeof scopeDecisions)[number];

interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, S extends ScopeDecision = ScopeDecision> {
  method: Method;
  /** The route's tenant-scope decision (ScopeDecision). */
  scope: S;
  /** Express path relative to the router's prefix, e.g. `/users/:id`. */
  path: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** Request headers the route reads (documented and validated), e.g. Idempotency-Key. Lowercase names. */
  headers?: z.ZodObject;
  body?: B;
  /**
   * Media types the body may also come in as raw bytes (a raw parser in app.ts reads them into a
   * Buffer): documented beside the JSON body, and handed to the handler as `rawBody`, unvalidated.
   */
  rawBodyTypes?: Record<string, { description: string; pattern?: string }>;
  /** Overrides the router's default (e.g. the sign-in route of an authenticated router). */
  security?: Security;
  responses: Record<number, ResponseSpec>;
  /** Error codes the route itself can answer with; the router adds its common ones (auth, validation, rate limit). */
  errors?: ErrorCode[];
  middleware?: RequestHandler[];
  handler: (
    input: {
      params: z.output<P>;
      query: z.output<Q>;
      body: z.output<B>;
      rawBody: Buffer | undefined;
      headers: Record<string, string | undefined>;
      locale: Locale;
      /** The principal's tenant scope; none on a route that touches no tenant's records. */
      scope: S extends 'none' ? undefined : TenantScope;
    },
    req: Request,
    res: Response,
  ) => unknown;
}

export interface RouterDefaults {
  tag: string;
  security: Security;
  /** Errors every route of this router can answer with (401 without credentials, 429 when rate-limited, …). */
  errors: ErrorCode[];
}

// zod's own messages in the caller's language; schema-level messages (ours) take precedence.
const zodLocales: Record<Locale, z.core.$ZodErrorMap | undefined> = { en: undefined, 'pt-BR': z.locales.pt().localeError };

function parseOrThrow<T extends z.ZodType>(schema: T | undefined, value: unknown, where: 'body' | 'query' | 'params' | 'headers', locale: Locale) {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value, { error: zodLocales[locale] });
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

/**
 * A missing body is read as `{}` (see route()), so a body is optional wherever `{}` is valid and
 * its documentation requires no property (a `required` list stated in its meta).
 */
function bodyRequired(body: z.ZodType) {
  const documented = z.globalRegistry.get(body) as { required?: string[] } | undefined;
  return !body.safeParse({}).success || (documented?.required?.length ?? 0) > 0;
}

/**
 * An Express router whose routes are declared once with their zod schemas: the same declaration
 * validates every request and becomes the route's OpenAPI operation, so docs cannot drift.
 */
export class DocumentedRouter {
  readonly router = Router();

  constructor(
    private readonly registry: OpenAPIRegistry,
    readonly prefix: string,
    private readonly defaults: RouterDefaults,
  ) {}

  route<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodUndefined, S extends ScopeDecision = ScopeDecision>(
    spec: RouteSpec<P, Q, B, S>,
  ) {
    // A route that states no decision does not exist: the type requires it, and so does this, for callers that cast.
    if (!scopeDecisions.includes(spec.scope)) throw new Error(`${spec.method.toUpperCase()} ${this.prefix}${spec.path}: no tenant-scope decision (scope)`);
    this.document(spec);
    const handler: RequestHandler = async (req, res) => {
      // Before any input is read: an office's principal learns nothing from a platform route, not even its validation.
      const scope = spec.scope === 'none' ? undefined : scopeOf(req);
      if (spec.scope === 'platform') requirePlatform(scope!, `${spec.method.toUpperCase()} ${this.prefix}${spec.path}`);
      const locale = localeFromAcceptLanguage(req.headers['accept-language']);
      const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
      // An empty raw body is still that media type (an empty file), not a missing JSON body.
      const rawBody = spec.rawBodyTypes && mediaType in spec.rawBodyTypes ? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)) : undefined;
      const input = {
        params: parseOrThrow(spec.params, req.params, 'params', locale),
        query: parseOrThrow(spec.query, req.query, 'query', locale),
        body: rawBody ? undefined : parseOrThrow(spec.body, req.body ?? {}, 'body', locale),
        rawBody,
        headers: spec.headers ? parseOrThrow(spec.headers, req.headers, 'headers', locale) : {},
        locale,
        scope,
      };
      await spec.handler(input as never, req, res);
    };
    this.router[spec.method](spec.path, ...(spec.middleware ?? []), handler);
    return this;
  }

  private document<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, S extends ScopeDecision>(spec: RouteSpec<P, Q, B, S>) {
    const security = spec.security ?? this.defaults.security;
    const errorCodes = new Set<ErrorCode>([...(spec.security && spec.security !== this.defaults.security ? [] : this.defaults.errors), ...(spec.errors ?? [])]);
    if (security !== 'none') errorCodes.add('UNAUTHENTICATED');
    // Viewers read only: every admin write can answer 403; so can every platform route, to an office's principal.
    if (security === 'adminSession' && spec.method !== 'get') errorCodes.add('FORBIDDEN');
    if (spec.scope === 'platform') errorCodes.add('FORBIDDEN');
    if (spec.params || spec.query || spec.body || spec.headers) errorCodes.add('VALIDATION_FAILED');
    if (spec.body) errorCodes.add('PAYLOAD_TOO_LARGE').add('MALFORMED_BODY');
    const byStatus = new Map<number, string[]>();
    for (const code of errorCodes) byStatus.set(errorCatalog[code].status, [...(byStatus.get(errorCatalog[code].status) ?? []), code]);

    const responses: RouteConfig['responses'] = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
        ...(response.headers
          ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
          : {}),
      };
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = { description: `Error codes: ${codes.join(', ')}`, content: { 'application/json': { schema: errorBodySchema } } };
    }
    responses['500'] = {
      description: 'Error code: INTERNAL (a fault on our side, never caused by input)',
      content: { 'application/json': { schema: errorBodySchema } },
    };

    const rawContent = Object.fromEntries(
      Object.entries(spec.rawBodyTypes ?? {}).map(([mediaType, { description, pattern }]) => [
        mediaType,
        { schema: { type: 'string' as const, contentMediaType: mediaType, description, ...(pattern ? { pattern } : {}) } },
      ]),
    );
    // JSON query parameters are documented by their decoded schema; document.ts turns them into `content` parameters.
    const queryShape = Object.entries(spec.query?.shape ?? {}) as [string, z.ZodType][];
    const jsonQueryNames = queryShape.filter(([, schema]) => jsonQuerySchema(schema)).map(([name]) => name);
    const documentedQuery = spec.query
      ? z.object(
          Object.fromEntries(
            queryShape.map(([name, schema]) => {
              const decoded = jsonQuerySchema(schema);
              return [name, decoded ? (schema instanceof z.ZodOptional ? decoded.optional() : decoded).meta(z.globalRegistry.get(schema) ?? {}) : schema];
            }),
          ),
        )
      : undefined;
    this.registry.registerPath({
      method: spec.method,
      path: `${this.prefix}${spec.path}`.replace(/:(\w+)/g, '{$1}'),
      operationId: `${spec.method}${`${this.prefix}${spec.path}`.replace(/[^A-Za-z0-9]+(\w)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())}`,
      summary: spec.summary,
      description: spec.description,
      tags: [this.defaults.tag],
      security: security === 'none' ? [] : [{ [security]: [] }],
      [TENANT_SCOPE_EXTENSION]: spec.scope,
      ...(jsonQueryNames.length > 0 ? { [JSON_QUERY_EXTENSION]: jsonQueryNames } : {}),
      request: {
        params: spec.params,
        query: documentedQuery,
        headers: spec.headers,
        ...(spec.body ? { body: { required: bodyRequired(spec.body), content: { 'application/json': { schema: spec.body }, ...rawContent } } } : {}),
      },
      responses,
    });
  }
}
