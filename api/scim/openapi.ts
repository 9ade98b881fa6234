import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { TENANT_SCOPE_EXTENSION } from '../http/documented-router.js';
import { z } from 'zod';
import { ERROR_SCHEMA } from './errors.js';
import { PATCH_OP_SCHEMA } from './patch.js';
import { SCIM_PREFIX } from './routes.js';
import { searchRequestSchema } from './search-request.js';

/**
 * The SCIM routes in the OpenAPI document. RFC 7643/7644 are their real contract; these entries
 * say where they are, how to authenticate, and the shapes in brief, for whoever reads /api/docs.
 */

const scimJson = (schema: z.ZodType) => ({ 'application/scim+json': { schema }, 'application/json': { schema } });
const text = z.string().optional();

const scimError = z
  .object({
    schemas: z.array(z.literal(ERROR_SCHEMA)),
    status: z.string().meta({ description: 'The HTTP status, as a string' }),
    scimType: z.string().optional().meta({ description: 'invalidFilter, invalidValue, invalidPath, invalidSyntax, uniqueness, mutability, noTarget' }),
    detail: z.string(),
  })
  .meta({ id: 'ScimError' });

const scimUser = z
  .object({
    schemas: z.array(z.string()),
    id: z.string().optional().meta({ description: 'Read-only: the user id' }),
    externalId: text,
    userName: z.string().meta({ description: 'Unique in the tenant; when it is an e-mail and `emails` gives none, it is the login e-mail' }),
    name: z.object({ formatted: text, givenName: text, familyName: text }).optional(),
    displayName: text,
    emails: z
      .array(z.object({ value: z.string(), type: text, primary: z.boolean().optional() }))
      .optional()
      .meta({ description: 'The login e-mail: the primary value, else the "work" one, else the first' }),
    active: z.boolean().optional().meta({ description: 'false deactivates (the registration link dies); true reactivates' }),
    preferredLanguage: text,
    locale: text,
    meta: z.object({ resourceType: z.string(), created: z.string(), lastModified: z.string(), location: z.string() }).optional(),
  })
  .meta({ id: 'ScimUser' });

const listOf = (item: z.ZodType, id: string) =>
  z
    .object({
      schemas: z.array(z.string()),
      totalResults: z.number().int(),
      startIndex: z.number().int(),
      itemsPerPage: z.number().int(),
      Resources: z.array(item),
    })
    .meta({ id });

const patchOp = z
  .object({
    schemas: z.array(z.literal(PATCH_OP_SCHEMA)),
    Operations: z
      .array(z.object({ op: z.enum(['add', 'replace', 'remove']).meta({ description: 'Any case' }), path: text, value: z.unknown().optional() }))
      .min(1)
      .max(100),
  })
  .meta({ id: 'ScimPatchOp' });

const listQuery = z.object({
  filter: text.meta({ description: 'e.g. userName eq "ana@example.com"; eq ne co sw ew gt ge lt le pr, and or not, parentheses, emails[type eq "work"]' }),
  startIndex: z.coerce.number().int().optional().meta({ description: '1-based' }),
  count: z.coerce.number().int().optional().meta({ description: 'At most 200' }),
  attributes: text,
  excludedAttributes: text,
});
const idParams = z.object({ id: z.string() });
const discovery = z.record(z.string(), z.unknown());

export function documentScim(registry: OpenAPIRegistry) {
  registry.registerComponent('securitySchemes', 'scimToken', {
    type: 'http',
    scheme: 'bearer',
    description: "A tenant's SCIM token (`npm run cli -- scim-tokens create --tenant <id> --name okta`), sent as `Authorization: Bearer scim_…`.",
  });
  const errors = {
    400: { description: 'Invalid request (scimType says why)', content: scimJson(scimError) },
    401: { description: 'Missing, unknown or revoked token', content: scimJson(scimError) },
    429: { description: 'Over the per-token limit (API_RATE_LIMIT per RATE_LIMIT_WINDOW); Retry-After says when to retry', content: scimJson(scimError) },
  };
  const bodyErrors = { 413: { description: 'A body over 100 kB', content: scimJson(scimError) } };
  const route = (
    method: RouteConfig['method'],
    path: string,
    summary: string,
    config: Partial<RouteConfig> & { ok: { status: number; description: string; schema?: z.ZodType } },
  ) => {
    const { ok, ...rest } = config;
    const writesUser = path.startsWith('/Users') && !path.endsWith('.search') && (method === 'post' || method === 'put' || method === 'patch');
    registry.registerPath({
      method,
      path: `${SCIM_PREFIX}${path}`,
      operationId: `scim${method[0]!.toUpperCase()}${method.slice(1)}${path.replace(/[^A-Za-z]/g, '')}`,
      summary,
      tags: ['SCIM'],
      security: [{ scimToken: [] }],
      // A SCIM token is always one office's: every SCIM use-case runs in its tenant's scope (use-cases/scim/users.ts).
      [TENANT_SCOPE_EXTENSION]: 'tenant',
      ...rest,
      responses: {
        [ok.status]: { description: ok.description, ...(ok.schema ? { content: scimJson(ok.schema) } : {}) },
        ...errors,
        404: { description: "No such user in the token's tenant", content: scimJson(scimError) },
        ...(rest.request?.body ? bodyErrors : {}),
        ...(writesUser ? { 409: { description: 'uniqueness: another user has this userName, externalId or login e-mail', content: scimJson(scimError) } } : {}),
      },
    });
  };
  route('get', '/ServiceProviderConfig', 'What this service provider supports: PATCH and filters; no bulk, password change, sort or ETags', {
    ok: { status: 200, description: 'The configuration', schema: discovery },
  });
  route('get', '/ResourceTypes', 'The resource types: User only (roles are not groups here)', {
    ok: { status: 200, description: 'A ListResponse', schema: discovery },
  });
  route('get', '/ResourceTypes/{id}', 'One resource type', {
    request: { params: idParams },
    ok: { status: 200, description: 'The resource type', schema: discovery },
  });
  route('get', '/Schemas', 'The schemas: the User attributes kept here, and the discovery schemas', {
    ok: { status: 200, description: 'A ListResponse', schema: discovery },
  });
  route('get', '/Schemas/{id}', 'One schema, by URN', { request: { params: idParams }, ok: { status: 200, description: 'The schema', schema: discovery } });
  route('get', '/Users', "The tenant's users, filtered and paged", {
    request: { query: listQuery },
    ok: { status: 200, description: 'A ListResponse', schema: listOf(scimUser, 'ScimUserList') },
  });
  route('post', '/Users/.search', 'The same list, with the parameters in the body', {
    request: { body: { content: scimJson(searchRequestSchema) } },
    ok: { status: 200, description: 'A ListResponse', schema: listOf(scimUser, 'ScimUserList') },
  });
  route('post', '/.search', 'A search of every resource type: Users', {
    request: { body: { content: scimJson(searchRequestSchema) } },
    ok: { status: 200, description: 'A ListResponse', schema: listOf(scimUser, 'ScimUserList') },
  });
  route(
    'post',
    '/Users',
    'Onboard a user: its lifecycle starts and the invitation goes out (none when active is false); the same user again is 409 uniqueness',
    {
      request: { body: { content: scimJson(scimUser) } },
      ok: { status: 201, description: 'Created', schema: scimUser },
    },
  );
  route('get', '/Users/{id}', 'One user', { request: { params: idParams }, ok: { status: 200, description: 'The user', schema: scimUser } });
  route('put', '/Users/{id}', 'Replace the attributes sent (those left out stay); a new e-mail sends a new invitation', {
    request: { params: idParams, body: { content: scimJson(scimUser) } },
    ok: { status: 200, description: 'The user', schema: scimUser },
  });
  route('patch', '/Users/{id}', 'add/replace/remove; active false deactivates, a new e-mail sends a new invitation and kills the old link', {
    request: { params: idParams, body: { content: scimJson(patchOp) } },
    ok: { status: 200, description: 'The user', schema: scimUser },
  });
  route('delete', '/Users/{id}', "The console's delete: the lifecycle ends, the password and links go", {
    request: { params: idParams },
    ok: { status: 204, description: 'Deleted' },
  });
}
