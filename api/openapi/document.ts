import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { JSON_QUERY_EXTENSION, TENANT_SCOPE_EXTENSION } from '../http/documented-router.js';
import { MAX_REQUEST_HEAD_BYTES } from '../http/request-head.js';

/** Health routes live outside the documented routers (they predate them); described here. */
function documentHealth(registry: OpenAPIRegistry) {
  const check = z.object({ ok: z.boolean(), detail: z.string() });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealthz',
    summary: 'Liveness: the process answers',
    tags: ['Health'],
    security: [],
    [TENANT_SCOPE_EXTENSION]: 'none',
    responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadyz',
    summary: 'Readiness: MongoDB, Temporal and a polling worker',
    tags: ['Health'],
    security: [],
    [TENANT_SCOPE_EXTENSION]: 'none',
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: z.object({ status: z.string(), checks: z.record(z.string(), check) }) } } },
      503: {
        description: 'Not ready; `checks` says what is missing',
        content: { 'application/json': { schema: z.object({ status: z.string(), checks: z.record(z.string(), check) }) } },
      },
    },
  });
}

export function openApiDocument(registry: OpenAPIRegistry, serverUrl: string) {
  documentHealth(registry);
  registry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document (OpenAPI 3.1)',
    tags: ['Docs'],
    security: [],
    [TENANT_SCOPE_EXTENSION]: 'none',
    responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/docs',
    operationId: 'getDocsPage',
    summary: 'This document as a human-readable page',
    tags: ['Docs'],
    security: [],
    [TENANT_SCOPE_EXTENSION]: 'none',
    responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
  });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Account activation API',
      version: '1.0.0',
      description:
        'Integration API (/api/v1, API keys), public registration and sign-in (/api/public), admin REST for react-admin (/api/admin). ' +
        'Every error is `{"error":{"code","message","fields":[{"path","message"}]}}`; messages follow Accept-Language (en, pt-BR), codes are stable.',
    },
    servers: [{ url: serverUrl }],
  });
  return finalPass(document);
}

const OPERATION_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Parameter = { name: string; in: string; schema?: unknown; example?: unknown };
type Operation = { parameters?: Parameter[]; responses: Record<string, unknown>; [JSON_QUERY_EXTENSION]?: string[] };

/**
 * What holds for every operation, added once here: JSON query parameters (see api/http/json-query.ts)
 * become `content: application/json` parameters, and every operation can meet Node's HTTP parser,
 * which refuses a request line and headers over MAX_REQUEST_HEAD_BYTES with 431 before any route runs.
 */
function finalPass<T extends { paths?: object }>(document: T) {
  for (const item of Object.values(document.paths ?? {}) as Record<string, Operation>[]) {
    for (const [method, operation] of Object.entries(item)) {
      if (!OPERATION_METHODS.has(method)) continue;
      const jsonNames = operation[JSON_QUERY_EXTENSION];
      if (jsonNames) {
        operation.parameters = operation.parameters?.map((parameter) => {
          if (parameter.in !== 'query' || !jsonNames.includes(parameter.name)) return parameter;
          const { schema, example, ...rest } = parameter;
          return { ...rest, content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } } };
        });
        delete operation[JSON_QUERY_EXTENSION];
      }
      operation.responses['431'] ??= {
        description: `Request line and headers together over ${MAX_REQUEST_HEAD_BYTES / 1024} KB: refused by the HTTP server before any route, without a body`,
      };
    }
  }
  boundIntegers(document);
  return document;
}

/** zod's integers are safe integers, but the generator leaves their bounds out: stated here, wherever an integer has none. */
function boundIntegers(node: unknown) {
  if (Array.isArray(node)) {
    for (const item of node) boundIntegers(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer')) {
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) schema.minimum = Number.MIN_SAFE_INTEGER;
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) schema.maximum = Number.MAX_SAFE_INTEGER;
  }
  for (const value of Object.values(schema)) boundIntegers(value);
}
