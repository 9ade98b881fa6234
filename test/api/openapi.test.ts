import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { routeTable } from '../../api/http/route-table.js';
import { startTestApi } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
let env: Awaited<ReturnType<typeof startTestApi>>;

beforeAll(async () => {
  env = await startTestApi(config);
});
afterAll(async () => {
  await env?.api.stop();
});

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json and validates as OpenAPI 3.1', async () => {
    const { status, body } = await env.anonymous.get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // JSON Schema patterns carry no regex flags; a leftover "/i" would make a pattern match nothing.
    expect(JSON.stringify(body)).not.toMatch(/"pattern":"[^"]*\/i"/);
    expect(body.components.schemas.NewUser.properties.tenantId.pattern).toBe('^[0-9a-fA-F]{24}$');
  });

  it('documents exactly the routes the server has', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const app = createApp({ config, temporal: env.api.temporal, logger: (await import('pino')).pino({ level: 'silent' }) });
    const routed = routeTable(app);
    expect(routed.length).toBeGreaterThan(40);
    expect(documented).toEqual(routed);
  });

  it('names its auth and error responses on every operation', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    for (const [path, operations] of Object.entries(
      body.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (path.startsWith('/api/') && !path.startsWith('/api/docs') && !path.startsWith('/api/openapi'))
          expect(operation.responses['500'], where).toBeDefined();
        if (path.startsWith('/api/admin/') && !path.startsWith('/api/admin/auth/login') && !path.startsWith('/api/admin/auth/logout')) {
          expect(operation.security, where).toEqual([{ adminSession: [] }]);
          expect(operation.responses['401'], where).toBeDefined();
          if (method !== 'get') expect(operation.responses['403'], where).toBeDefined();
        }
        if (path.startsWith('/api/v1/')) {
          expect(operation.security, where).toEqual([{ apiKey: [] }]);
          expect(operation.responses['401'], where).toBeDefined();
        }
        if (path.startsWith('/api/public/')) expect(operation.responses['429'], where).toBeDefined();
      }
    }
    expect(body.components.securitySchemes).toMatchObject({ apiKey: { type: 'http', scheme: 'bearer' }, adminSession: { type: 'apiKey', in: 'cookie' } });
  });

  it('has a self-contained human docs page listing every operation', async () => {
    const { status, headers, body } = await env.anonymous.get('/api/docs');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/text\/html/);
    expect(body).toContain('/api/v1/onboardings');
    expect(body).toContain('/api/public/invitations/{token}/accept');
    expect(body).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
  });
});
