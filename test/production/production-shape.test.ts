import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../dev-tools/mailbox.js';
import { startProductionShape, type ProductionShape } from '../../dev-tools/production-shape/shape.js';
import { apiClient, type ApiClient } from '../harness/api-client.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, importMigration, lifecycleIds } from '../harness/migration-run.js';

/**
 * The production shape (docker-compose.yml's, without Docker): Temporal 1.29.1 on PostgreSQL 15,
 * mongod as a replica set, two API and two worker processes from dist/ with NODE_ENV=production,
 * Caddy in front of the APIs. Everything goes through HTTP and real SMTP, as a client and its
 * users would see it.
 */
const SYNC_DELAY_MS = 2_000;
/** Enough for the kill to fall while invitations go out; the fault suite kills at scale (500 took 50 s of the lane's 90). */
const MIGRATED_USERS = 250;

let shape: ProductionShape;
/** One integration client and one anonymous client per API process. */
let v1: ApiClient[];
let anonymous: ApiClient[];
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  shape = await startProductionShape({
    env: {
      SYNC_DELAY: `${SYNC_DELAY_MS}ms`,
      // Reminders and expiry far away: every e-mail counted here is an invitation or "access ready".
      REMINDER_SCHEDULE: '30m',
      INVITE_TTL: '2h',
      REMINDER_SPREAD: '0',
      EMAIL_RATE_PER_SECOND: '0',
    },
  });
  const key = await shape.createApiKey('production-shape test');
  v1 = shape.apis.map((api) => apiClient(api.url, { headers: { authorization: `Bearer ${key}` } }));
  anonymous = shape.apis.map((api) => apiClient(api.url));
  connection = await Connection.connect({ address: shape.temporal.address });
  temporal = new Client({ connection, namespace: shape.temporal.namespace });
});

afterAll(async () => {
  await connection?.close();
  await shape?.stop();
});

const mailTo = (address: string) => shape.mailbox.messages.filter((message) => message.to.includes(address.toLowerCase()));

/**
 * A JSON POST from `localAddress`, one of this machine's loopback addresses: each address is a
 * client of its own, as different machines are to a proxy on the internet.
 */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; code?: string }>((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let code: string | undefined;
          try {
            code = JSON.parse(text).error?.code;
          } catch {
            // not JSON (a proxy's own error page): the status says it
          }
          resolve({ status: response.statusCode ?? 0, code });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function registrationToken(message: MailboxMessage) {
  const match = /(https?:\/\/\S+)\/register\/([A-Za-z0-9_-]{43})/.exec(message.text);
  if (!match) throw new Error(`no registration link in "${message.subject}"`);
  return { base: match[1], token: match[2]! };
}

describe('the production shape', () => {
  it('takes a user from the API to active through real e-mails, across both API processes', async () => {
    const [first, second] = v1 as [ApiClient, ApiClient];
    // Plus: the lifecycle also runs the "link the e-mail inside the main system" step.
    const tenant = await createTenant(first, 'plus');
    const email = `ana-${randomUUID().slice(0, 8)}@lifecycle.test`;
    const created = await first.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Ana Produção', email });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const userId = created.body.id as string;

    const invitation = await eventually(
      () => {
        const received = mailTo(email);
        expect(received).toHaveLength(1);
        return received[0]!;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(invitation.subject).toBe(`Activate your ${tenant.name} account`);
    const { base, token } = registrationToken(invitation);
    expect(base).toBe(shape.publicUrl);

    // Created on the first API process, read and registered on the second.
    await eventually(async () => expect((await second.get(`/api/v1/onboardings/${userId}`)).body).toMatchObject({ status: 'invited', invitationsSent: 1 }), {
      timeoutMs: 30_000,
    });
    expect((await anonymous[1]!.get(`/api/public/invitations/${token}`)).status).toBe(200);
    const password = 'production shape pass 1';
    const accepted = await anonymous[1]!.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('registered');
    expect(Date.parse(accepted.body.accessAt) - Date.parse(accepted.body.registeredAt)).toBe(SYNC_DELAY_MS);

    // Plus: access waits for the main system to confirm it linked the login (it answers the webhook through the API).
    await eventually(async () => expect((await first.get(`/api/v1/onboardings/${userId}`)).body.status).toBe('linking'), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    expect((await second.post(`/api/v1/onboardings/${userId}/login-link`)).status).toBe(202);
    await eventually(async () => expect((await first.get(`/api/v1/onboardings/${userId}`)).body.status).toBe('active'), { timeoutMs: 60_000, intervalMs: 250 });
    const ready = await eventually(
      () => {
        const received = mailTo(email);
        expect(received).toHaveLength(2);
        return received[1]!;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(ready.subject).toBe(`Your ${tenant.name} access is ready`);
    expect(new Set(mailTo(email).map((message) => message.messageId)).size).toBe(2);
    expect((await anonymous[0]!.post('/api/public/login', { email, password })).status).toBe(200);

    // Operators find it in the Temporal UI by its custom search attributes (SQL visibility on PostgreSQL).
    await eventually(
      async () => expect(await lifecycleIds(temporal, `UserId = "${userId}" AND ActivationStatus = "active"`)).toEqual([`user-activation-${userId}`]),
      {
        timeoutMs: 30_000,
        intervalMs: 500,
      },
    );
  });

  it('keeps the sign-in throttle per client behind the proxy: X locked out, Y signs in, a forged X-Forwarded-For gains nothing', async () => {
    const { email, password } = shape.admin;
    const [clientX, clientY, forger] = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    const viaProxy = (client: string, guess: string, headers?: Record<string, string>) =>
      postFrom(client, `${shape.proxy.url}/api/admin/auth/login`, { email, password: guess }, headers);
    const straightToApi = (client: string, guess: string, headers?: Record<string, string>) =>
      postFrom(client, `${shape.apis[1]!.url}/api/admin/auth/login`, { email, password: guess }, headers);
    const refused = { status: 429, code: 'TOO_MANY_ATTEMPTS' };

    // X fails 5 times for E through the proxy, each time claiming another address: the proxy
    // replaces the claim with the address X connects from, so all five count against X.
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await viaProxy(clientX, `wrong password ${attempt}`, { 'x-forwarded-for': `198.51.100.${attempt}` })).toEqual({
        status: 401,
        code: 'INVALID_CREDENTIALS',
      });
    }
    expect(await viaProxy(clientX, password)).toEqual(refused);
    // Y, another client of the same proxy, still signs in as E.
    expect(await viaProxy(clientY, password)).toEqual({ status: 200, code: undefined });

    // Straight to an API, X claims to be Y: the API believes X-Forwarded-For from the proxy's
    // address only, so X is still X, and still refused.
    expect(await straightToApi(clientX, password, { 'x-forwarded-for': clientY })).toEqual(refused);
    // Nor can a direct client lock Y out by failing in Y's name: the failures are its own.
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await straightToApi(forger, `wrong password ${attempt}`, { 'x-forwarded-for': clientY })).status).toBe(401);
    }
    expect(await straightToApi(forger, password, { 'x-forwarded-for': clientY })).toEqual(refused);
    expect(await viaProxy(clientY, password)).toEqual({ status: 200, code: undefined });
  });

  it(`migrates ${MIGRATED_USERS} users while a worker and an API process are SIGKILLed and restarted: one invitation each`, async () => {
    const [first, second] = v1 as [ApiClient, ApiClient];
    const startedAt = Date.now();
    const run = await importMigration(second, MIGRATED_USERS, { messages: shape.mailbox.messages, temporal });
    const ineligible = await first.post(run.startPath, { actingUserId: run.idByCode.get(2) });
    expect(ineligible.status).toBe(403);
    expect(ineligible.body.error.code).toBe('CLIENT_INELIGIBLE');
    const migrationId = await run.start(first);
    const { distinctInvitations } = run;

    // The kill moment: a quarter of the invitations are out.
    await eventually(() => expect(distinctInvitations()).toBeGreaterThanOrEqual(MIGRATED_USERS / 4), { timeoutMs: 240_000, intervalMs: 50 });
    const [api, worker] = [shape.apis[0]!, shape.workers[0]!];
    await Promise.all([api.kill(), worker.kill()]);
    const atKill = distinctInvitations();
    expect(atKill).toBeLessThan(MIGRATED_USERS);

    // While they are down, the other API answers and the other worker carries on.
    const whileDown = await second.get(`/api/v1/migrations/${migrationId}`);
    expect(whileDown.status).toBe(200);
    expect(whileDown.body.total).toBe(MIGRATED_USERS);
    await Promise.all([api.start(), worker.start()]);
    const atRestart = distinctInvitations();

    const progress = await run.completed(first, 300_000);
    expect(progress.actingUserLabel).toBe('Person 1 (code 1)');
    const completedAt = Date.now();

    // Before counting: nothing is left in flight anywhere that could still send a second invitation.
    await run.quiet(120_000);
    const tally = run.tally();
    expect(tally.missing).toEqual([]);
    expect(tally.recipients).toBe(MIGRATED_USERS);
    expect(tally.severalInvitations).toEqual([]);
    expect(tally.distinctMessageIds).toBe(MIGRATED_USERS);
    expect(api.starts).toBe(2);
    expect(worker.starts).toBe(2);

    console.log(
      `[production] migration of ${MIGRATED_USERS}: ${tally.received} invitation e-mails received, ${tally.distinctMessageIds} distinct Message-IDs, ` +
        `${tally.recipients} recipients; killed api-1 and worker-1 at ${atKill} invitations, both back at ${atRestart}; ` +
        `progress ${JSON.stringify({ status: progress.status, total: progress.total, started: progress.started, invited: progress.invited, failed: progress.failed })}; ` +
        `${((completedAt - startedAt) / 1000).toFixed(1)} s from import to completed`,
    );
  });

  it('serves built assets only: no source file of the console is in dist/admin or answered', async () => {
    const root = path.resolve('dist/admin');
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.relative(root, path.join(dir, entry.name))]));
    const built = files(root);
    expect(built).toContain('index.html');
    // The two entries' pages (the console's, the public pages') and the hashed assets, each maybe precompressed.
    const allowed = /^(index\.html|public-pages\/index\.html|assets\/[\w.-]+\.(js|css|woff2?|svg|png|ico))(\.(br|gz))?$/;
    expect(built.filter((file) => !allowed.test(file))).toEqual([]);
    for (const source of ['/RegistrationPage.tsx', '/public-api.ts', '/SignInPage.tsx']) {
      const answer = await fetch(`${shape.apis[0]!.url}${source}`);
      // Whatever the path, a client-side route: the console's page, never a source file.
      expect(answer.headers.get('content-type'), source).toMatch(/^text\/html/);
      expect(await answer.text()).not.toMatch(/^import |export function/m);
    }
  });

  it('leaves no secret in any log it wrote', () => {
    const logs: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.log')) logs.push(file);
      }
    };
    walk(shape.scratchDir);
    // PostgreSQL, mongod, the Temporal server, the schema and register steps, two APIs, two workers, Caddy.
    expect(logs.length).toBeGreaterThanOrEqual(10);
    expect(shape.secrets.length).toBeGreaterThanOrEqual(4);
    const leaks = logs.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      // Which secret (by position, never its value) appears in which file.
      return shape.secrets.flatMap((secret, index) => (text.includes(secret) ? [`secret #${index} in ${path.relative(shape.scratchDir, file)}`] : []));
    });
    expect(leaks).toEqual([]);
  });

  // Last, so it covers every start (api-1 and worker-1 twice) and everything the tests above ran.
  it('prints no deprecation warning (mongoose, Node) from any API or worker', () => {
    for (const app of [...shape.apis, ...shape.workers]) {
      // Each process's stdout and stderr, as it printed them.
      const output = fs.readFileSync(app.logFile, 'utf8');
      expect(output, app.name).not.toBe('');
      expect(
        output.split('\n').filter((line) => /DeprecationWarning|\[MONGOOSE\] Warning/.test(line)),
        app.name,
      ).toEqual([]);
    }
  });
});
