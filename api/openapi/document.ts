import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

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
    responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadyz',
    summary: 'Readiness: MongoDB, Temporal and a polling worker',
    tags: ['Health'],
    security: [],
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
    responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/docs',
    operationId: 'getDocsPage',
    summary: 'This document as a human-readable page',
    tags: ['Docs'],
    security: [],
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
  return document;
}
