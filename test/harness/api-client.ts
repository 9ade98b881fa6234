import type { DestinationStream } from 'pino';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { afterAll, beforeAll } from 'vitest';
import { startApi } from '../../api/server.js';
import { createApiKey } from '../../use-cases/api-keys/create-api-key.js';
import type { Tracing } from '../../telemetry/tracing.js';
import type { TestConfig } from './context.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any JSON shape
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper for the API under test: JSON in, JSON out, every header visible. */
export function apiClient(baseUrl: string, defaults: { headers?: Record<string, string> } = {}) {
  async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...defaults.headers, ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (docs page): keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
  return {
    call,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, { headers }),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, { body: body ?? {}, headers }),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, { body, headers }),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call('PATCH', path, { body, headers }),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, { headers }),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** Signs in to the admin API and returns a client that sends the session cookie. */
export async function adminClient(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { cookie, client: apiClient(baseUrl, { headers: { cookie } }) };
}

/**
 * The API on a free port against the test file's own database and task queue, plus an admin
 * session and an API key. `logDestination` receives the API's JSON log lines; with `tracing`
 * (telemetry/tracing.ts) its Temporal client carries each request's trace.
 */
export async function startTestApi(config: TestConfig, options: { logDestination?: DestinationStream; tracing?: Tracing } = {}) {
  const api = await startApi(config, { port: 0, logDestination: options.logDestination, tracing: options.tracing });
  const admin = await adminClient(api.url, config.adminBootstrap!.email, config.adminBootstrap!.password);
  const key = await createApiKey(PLATFORM_SCOPE, { name: 'test integration' });
  return {
    api,
    url: api.url,
    anonymous: apiClient(api.url),
    admin: admin.client,
    adminCookie: admin.cookie,
    apiKey: key.key,
    integration: apiClient(api.url, { headers: { authorization: `Bearer ${key.key}` } }),
  };
}

/** What startTestApi answers: the API, its URL and clients signed in as an admin and as an integration. */
export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

/**
 * The test file's API: started before its tests and stopped after them. The object is filled in
 * when the tests run, so a file's own `beforeAll` registered after this call may use it.
 */
export function useTestApi(config: TestConfig): TestApi {
  const env = {} as TestApi;
  beforeAll(async () => {
    Object.assign(env, await startTestApi(config));
  });
  afterAll(async () => {
    await env.api?.stop();
  });
  return env;
}
