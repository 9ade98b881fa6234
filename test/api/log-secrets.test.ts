import { inspect } from 'node:util';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminClient, startTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * Issue 13, finding 1: whoever reads the logs must not find anything to sign in, call the API or
 * register with. A whole lifecycle runs with debug logs — admin sign-in, an API key call, an
 * onboarding, the invitation opened and accepted, a sign-in — and every line the API, the worker
 * (in this process) and the console wrote is searched for the session ids, the key, the token,
 * the passwords and the token secret.
 */
const config = testConfig({ LOG_LEVEL: 'debug', REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m', PUBLIC_RATE_LIMIT: '1000' });
const apiLines: string[] = [];
const workerLines: string[] = [];
const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));

let env: Awaited<ReturnType<typeof startTestApi>>;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  env = await startTestApi(config, { logDestination: { write: (line: string) => void apiLines.push(line) } });
  worker = await startTestWorker(config, {
    logger: new DefaultLogger('DEBUG', (entry) => void workerLines.push(inspect(entry, { depth: 10, breakLength: Infinity }))),
  });
});
afterAll(async () => {
  await worker?.stop();
  await env?.api.stop();
  for (const spy of consoleSpies) spy.mockRestore();
});

const cookieValue = (cookie: string, name: string) =>
  cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];

describe('the logs of a whole lifecycle', () => {
  it('hold no session id, API key, registration token or password', async () => {
    const adminPassword = config.adminBootstrap!.password;
    const sessionId = cookieValue(env.adminCookie, 'admin_session');
    expect(sessionId, 'the admin session cookie').toBeTruthy();
    // A second admin sign-in whose answer (Set-Cookie) is logged too.
    const second = await adminClient(env.url, config.adminBootstrap!.email, adminPassword);
    const secondSessionId = cookieValue(second.cookie, 'admin_session')!;
    expect((await second.client.get('/api/admin/auth/me')).status).toBe(200);
    expect((await env.admin.get('/api/admin/users')).status).toBe(200);

    // The API key, in Authorization and in x-api-key.
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    await env.anonymous.get('/api/v1/tenants', { 'x-api-key': env.apiKey });

    const email = freshEmail('logs');
    const onboarding = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Person logs', email });
    expect(onboarding.status).toBe(201);
    const [invitation] = await waitForMessages(email, 1);
    const { token } = registrationLink(invitation!);

    // The registration page and its calls, as a browser makes them (the page's address as referer).
    await env.anonymous.get(`/register/${token}`);
    await env.anonymous.get(`/register/${token}?lang=pt-BR`);
    const referer = { referer: `${config.publicUrl}/register/${token}` };
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${token}`, referer)).status).toBe(200));
    const password = 'log secret passphrase 42';
    const accepted = await env.anonymous.call('POST', `/api/public/invitations/${token}/accept`, {
      body: { password, passwordConfirmation: password },
      headers: referer,
    });
    expect(accepted.status).toBe(200);
    // Upper-case route (Express matches it too) and a token in a query string.
    await env.anonymous.get(`/API/Public/Invitations/${token}`);
    await env.anonymous.get(`/api/public/invitations?token=${token}`);

    await eventually(async () => expect((await env.anonymous.post('/api/public/login', { email, password })).status).toBe(200));
    await waitForMessages(email, 2);
    const wrong = await env.anonymous.post('/api/public/login', { email, password: `${password}x` });
    expect(wrong.status).toBe(401);

    const consoleLines = consoleSpies.flatMap((spy) => spy.mock.calls.map((args) => inspect(args, { depth: 10, breakLength: Infinity })));
    const everything = [...apiLines, ...workerLines, ...consoleLines];

    // The capture works: every request of the path is there.
    const urls = apiLines.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url ?? '');
    expect(urls.filter((url) => /^\/api\/public\/invitations\/[^/]+\/accept$/.test(url))).toHaveLength(1);
    expect(urls).toContain('/api/admin/auth/login');
    expect(workerLines.length, 'worker log lines at DEBUG').toBeGreaterThan(0);

    const secrets = {
      sessionId: sessionId!,
      secondSessionId,
      apiKey: env.apiKey,
      token,
      password,
      adminPassword,
      tokenSecret: config.TOKEN_SECRET,
    };
    const leaks = Object.fromEntries(
      Object.entries(secrets).map(([name, secret]) => [name, everything.filter((line) => line.includes(secret) || line.includes(encodeURIComponent(secret)))]),
    );
    expect(leaks).toEqual(Object.fromEntries(Object.keys(secrets).map((name) => [name, []])));

    // URLs stay useful: the route is there, the token is not.
    expect(urls).toContain('/api/public/invitations/[token]/accept');
    expect(urls).toContain('/register/[token]');
    expect(urls).toContain('/register/[token]?lang=pt-BR');
    expect(urls).toContain('/API/Public/Invitations/[token]');
    expect(urls).toContain('/api/public/invitations?token=[redacted]');
  });
});
