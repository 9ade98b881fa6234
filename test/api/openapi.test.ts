import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { routeTable } from '../../api/http/route-table.js';
import { useTestApi } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
const env = useTestApi(config);

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
    // JSON Schema patterns carry no regex flags; a leftover "/i" or "/u" would make a pattern match nothing.
    expect(JSON.stringify(body)).not.toMatch(/"pattern":"[^"]*\/[a-z]+"/);
    // Nor Unicode property escapes, which Python's re (schemathesis's generator) does not know.
    expect(JSON.stringify(body)).not.toMatch(/"pattern":"[^"]*\\\\p\{/);
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
        if (path.startsWith('/api/v1/email-events/')) {
          // The e-mail providers prove themselves by their signatures, not with a key.
          expect(operation.security, where).toEqual([]);
          expect(operation.responses['401'], where).toBeDefined();
        } else if (path.startsWith('/api/v1/')) {
          expect(operation.security, where).toEqual([{ apiKey: [] }]);
          expect(operation.responses['401'], where).toBeDefined();
          // Every key's calls are counted (API_RATE_LIMIT).
          expect(operation.responses['429'], where).toBeDefined();
        }
        if (path.startsWith('/scim/v2/')) expect(operation.responses['429'], where).toBeDefined();
        if (path.startsWith('/api/public/')) expect(operation.responses['429'], where).toBeDefined();
      }
    }
    expect(body.components.securitySchemes).toMatchObject({ apiKey: { type: 'http', scheme: 'bearer' }, adminSession: { type: 'apiKey', in: 'cookie' } });
  });

  it('describes the real rules: JSON list parameters, enumerated sorts, e-mails, passwords, the 431 of every operation', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    const list = body.paths['/api/admin/users'].get.parameters as { name: string; content?: Record<string, { schema: Record<string, unknown> }> }[];
    const json = (name: string) => list.find((parameter) => parameter.name === name)!.content!['application/json']!.schema;
    expect((json('sort').prefixItems as { enum: string[] }[])[0]!.enum).toEqual(['id', 'name', 'email', 'status', 'code', 'createdAt', 'statusChangedAt']);
    expect(json('range')).toMatchObject({ type: 'array', minItems: 2, maxItems: 2 });
    expect(json('filter')).toMatchObject({ type: 'object', additionalProperties: false });
    const email = new RegExp(body.components.schemas.NewUser.properties.email.pattern);
    expect(['ana@example.com', ' Ana.Souza+x@Example.COM '].map((text) => email.test(text))).toEqual([true, true]);
    expect(['', 'ana', 'ana@example', 'a b@example.com'].map((text) => email.test(text))).toEqual([false, false, false, false]);
    expect(body.components.schemas.NewAdminAccount.properties.password).toMatchObject({ minLength: 10, maxLength: 200 });
    const password = new RegExp(body.components.schemas.NewAdminAccount.properties.password.pattern);
    expect(['abcdefghij', '1234567890', 'abcdefghi1', '1 abcdefghi'].map((text) => password.test(text))).toEqual([false, false, true, true]);
    for (const operations of Object.values(body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>))
      for (const operation of Object.values(operations)) expect(operation.responses['431']).toBeDefined();
  });

  it('answers a method a documented path does not declare with 405 and Allow', async () => {
    for (const [method, path, allow] of [
      ['PATCH', '/api/v1/tenants', 'GET, POST, HEAD, OPTIONS'],
      ['DELETE', '/healthz', 'GET, HEAD, OPTIONS'],
      ['PUT', '/api/public/signup', 'POST, OPTIONS'],
      // The literal path wins over /onboardings/{id}, which takes GET and PATCH.
      ['GET', '/api/v1/onboardings/batch', 'POST, OPTIONS'],
    ] as const) {
      const answer = await env.integration.call(method, path);
      expect([answer.status, answer.headers.get('allow')], `${method} ${path}`).toEqual([405, allow]);
      expect(answer.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const options = await env.integration.call('OPTIONS', '/api/v1/onboardings/batch');
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'POST, OPTIONS']);
    // A path the document does not hold is still a 404.
    expect((await env.integration.call('PUT', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('answers a request head over 64 KB with the documented 431', async () => {
    const ids = (count: number) => encodeURIComponent(JSON.stringify({ id: Array(count).fill('0123456789abcdef01234567') }));
    // A full page of ids (the console's getMany) fits.
    expect((await env.admin.get(`/api/admin/users?filter=${ids(1_000)}`)).status).toBe(200);
    expect((await env.admin.get(`/api/admin/users?filter=${ids(2_500)}`)).status).toBe(431);
    // Far over: the server refuses long before the client has sent it all, and still answers.
    expect((await env.admin.get(`/api/admin/users?filter=${ids(20_000)}`)).status).toBe(431);
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
