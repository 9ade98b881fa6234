/**
 * `npm run bench:admin -- --users N [--requests 200]`
 * The admin console at the size of a real customer base, on MongoDB's own mongod:
 * 1. imports N users through the real HTTP import route (POST /api/v1/tenants/:id/users/import,
 *    API key, chunks of at most 10,000 rows: the route's limit) into 20 offices of uneven size,
 *    and reports rows/s;
 * 2. moves a share of them through the lifecycle directly in MongoDB (invited, registered, active,
 *    expired, inactive, with their login e-mail and an e-mail log entry), as a migration would;
 * 3. signs in as an admin and times the lists the console asks for, as the stock
 *    ra-data-simple-rest client writes them (JSON sort/range/filter, session cookie): one request
 *    at a time, so latency is latency, after a warm-up; p50/p95/p99 of each, then of each search
 *    term alone, and the search's p95 on a line of its own.
 * The reads need no Temporal server, so none runs: the API gets a lazy Temporal connection that
 * nothing here uses. Everything runs in a scratch folder removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { ensureBootstrapAdmin } from '../api/admin/accounts.js';
import { createApp } from '../api/app.js';
import { createApiKey } from '../api/integration/api-keys.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { EmailLogModel, UserModel } from '../data/models/index.js';
import { freePort } from '../embedded/child-process.js';
import { startMongod } from '../embedded/mongod.js';
import { officeNames, person } from './people.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } } });
const users = Number(values.users);
const requests = Number(values.requests);
const CHUNK = 10_000;
const GOAL_P95_MS = 50;
const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-admin-'));
const benchStart = performance.now();

const mongoPort = await freePort();
console.log(`bench:admin: ${users} users, ${requests} timed requests per query, scratch ${scratch}`);
const mongod = await startMongod({
  binaryPath: path.resolve(root, process.env.MONGOD_PATH ?? '.tools/mongodb/mongod'),
  port: mongoPort,
  dataDir: path.join(scratch, 'mongodb'),
  output: 'quiet',
});
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  MONGO_URL: embeddedMongoUrl(mongoPort, 'bench'),
  // Never dialled: the admin reads and the import do not touch Temporal.
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
});

const logger = pino({ level: config.LOG_LEVEL });
await connectMongo(config.mongoUrl);
await ensureBootstrapAdmin(config, logger);
const connection = Connection.lazy({ address: config.temporalAddress });
const server = createApp({ config, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), logger }).listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

try {
  const engine = `mongod ${(await mongoose.connection.db!.admin().serverInfo()).version}`;

  // Sign in as the console does; the session cookie goes with every admin request.
  const login = await fetch(`${base}/api/admin/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const adminJson = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: string }>;
  };

  // 20 offices of uneven size (the largest about 20 times the smallest), as customer bases are.
  const tenantIds: string[] = [];
  for (const [index, name] of officeNames.entries())
    tenantIds.push((await adminJson('POST', '/api/admin/tenants', { name, plan: (['essential', 'plus', 'premium'] as const)[index % 3] })).id);
  const weights = officeNames.map((_, index) => 1 / (index + 1));
  const sizes = weights.map((weight) => Math.floor((users * weight) / weights.reduce((sum, each) => sum + each, 0)));
  sizes[0]! += users - sizes.reduce((sum, size) => sum + size, 0);

  // 1. Import through the integration API, one office at a time, in chunks the route accepts.
  const { key } = await createApiKey('bench');
  let importRequests = 0;
  let personIndex = 0;
  const importStart = performance.now();
  for (const [tenantIndex, size] of sizes.entries()) {
    for (let start = 0; start < size; start += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, size - start) }, (_, offset) => {
        const { name, email, role } = person(personIndex++);
        return { code: start + offset + 1, name, email, role, legacyUsername: `u${start + offset + 1}` };
      });
      const response = await fetch(`${base}/api/v1/tenants/${tenantIds[tenantIndex]}/users/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const result = (await response.json()) as { created?: number };
      if (!response.ok || result.created !== rows.length)
        throw new Error(`import into office ${tenantIndex}: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
      importRequests += 1;
    }
  }
  const importSeconds = (performance.now() - importStart) / 1000;

  // 2. Statuses as a migration would leave them: most past "staged", with their login e-mail.
  const advanceStart = performance.now();
  const now = Date.now();
  const stored = await UserModel.find({}, { _id: 1, tenantId: 1, code: 1, proposedEmail: 1 }).lean();
  const tenantIndex = new Map(tenantIds.map((id, index) => [id, index]));
  // The person each stored user was imported as: offices were imported in order, codes from 1.
  const firstPerson = sizes.map((_, index) => sizes.slice(0, index).reduce((sum, size) => sum + size, 0));
  const personOf = (user: (typeof stored)[number]) => firstPerson[tenantIndex.get(String(user.tenantId))!]! + user.code - 1;
  let advanced = 0;
  for (let start = 0; start < stored.length; start += 1_000) {
    const moving = stored
      .slice(start, start + 1_000)
      .map((user) => ({ user, index: personOf(user), seed: person(personOf(user)) }))
      .filter(({ seed }) => seed.status !== 'staged');
    if (moving.length === 0) continue;
    // Invited over the last ten days, so the dashboard has stuck activations (invited > 3 days ago).
    const invitedAt = (index: number) => new Date(now - ((index % 10) + 1) * 86_400_000 + (index % 3_600) * 1_000);
    await UserModel.bulkWrite(
      moving.map(({ user, index, seed }) => ({
        updateOne: {
          filter: { _id: user._id },
          update: {
            $set: {
              email: user.proposedEmail!,
              status: seed.status,
              statusChangedAt: new Date(now - (index % 600) * 60_000),
              invitedAt: invitedAt(index),
              emailFailing: seed.emailFailing,
            },
          },
        },
      })),
      { ordered: false },
    );
    await EmailLogModel.insertMany(
      moving.map(({ user, index, seed }) => ({
        _id: `invitation:${String(user._id)}`,
        userId: user._id,
        tenantId: user.tenantId,
        to: user.proposedEmail!,
        template: 'invitation',
        locale: 'pt-BR',
        subject: 'Seu acesso',
        messageId: `<invitation.${String(user._id)}@bench>`,
        status: seed.emailFailing ? 'rejected' : 'sent',
        attempts: 1,
        sentAt: seed.emailFailing ? null : invitedAt(index),
      })),
      { ordered: false },
    );
    advanced += moving.length;
  }
  const advanceSeconds = (performance.now() - advanceStart) / 1000;
  const counts = await UserModel.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
  console.log(`statuses (${advanced} users moved on in ${advanceSeconds.toFixed(1)} s): ${counts.map((count) => `${count._id} ${count.n}`).join(', ')}`);

  // 3. The console's queries, as the stock provider writes them.
  const getList = (resource: string, sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown> = {}) =>
    `/api/admin/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter), range: JSON.stringify(range), sort: JSON.stringify(sort) })}`;
  const rotate =
    <T>(list: T[]) =>
    (i: number) =>
      list[i % list.length]!;
  // First names, surnames, without accents, several words, an e-mail start, one letter.
  const searchTermList = ['ana', 'MAR', 'joão', 'joao', 'costa', 'conceicao', 'JOÃO S', 'silva c', 'fernanda', 'luis.s', 'gabriela sa', 'z'];
  const searchTerms = rotate(searchTermList);
  const statuses = rotate(['invited', 'active', 'expired', 'registered']);
  const tenants = rotate(tenantIds);
  const queries: [string, (i: number) => string][] = [
    ['users, first page (newest first)', () => getList('users', ['createdAt', 'DESC'], [0, 24])],
    ['users sorted by name ASC', () => getList('users', ['name', 'ASC'], [0, 24])],
    ['users sorted by name DESC', () => getList('users', ['name', 'DESC'], [0, 24])],
    [`users, deep page [${users - 1025},${users - 1001}]`, () => getList('users', ['createdAt', 'DESC'], [users - 1025, users - 1001])],
    // The deepest walk: a page in the second half is read from the end (api/admin/list-queries.ts).
    [`users, middle page [${users / 2 - 25},${users / 2 - 1}]`, () => getList('users', ['createdAt', 'DESC'], [users / 2 - 25, users / 2 - 1])],
    [`users, search q (${searchTermList.length} terms in turn)`, (i) => getList('users', ['createdAt', 'DESC'], [0, 24], { q: searchTerms(i) })],
    ['users, search q sorted by name', (i) => getList('users', ['name', 'ASC'], [0, 24], { q: searchTerms(i) })],
    ['users, status filter (4 statuses in turn)', (i) => getList('users', ['createdAt', 'DESC'], [0, 24], { status: statuses(i) })],
    ['users, tenant filter (20 offices in turn)', (i) => getList('users', ['createdAt', 'DESC'], [0, 24], { tenantId: tenants(i) })],
    ['tenant page users (by code)', (i) => getList('users', ['code', 'ASC'], [0, 24], { tenantId: tenants(i) })],
    ['e-mail log, first page', () => getList('emails', ['createdAt', 'DESC'], [0, 24])],
    ['dashboard', () => '/api/admin/dashboard?stuckDays=3'],
  ];
  type Row = { name: string; p50: number; p95: number; p99: number; total: string };
  const measure = async (name: string, url: (i: number) => string, count: number): Promise<Row> => {
    const time = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`${base}${url(i)}`, { headers: { Cookie: cookie, Accept: 'application/json' } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return { ms: performance.now() - started, range: response.headers.get('content-range') ?? '' };
    };
    for (let i = 0; i < Math.min(20, count); i++) await time(i);
    const samples: number[] = [];
    let range = '';
    for (let i = 0; i < count; i++) {
      const { ms, range: contentRange } = await time(i);
      samples.push(ms);
      range ||= contentRange;
    }
    samples.sort((a, b) => a - b);
    const at = (share: number) => samples[Math.min(samples.length - 1, Math.ceil(share * samples.length) - 1)]!;
    return { name, p50: at(0.5), p95: at(0.95), p99: at(0.99), total: range.split('/')[1] ?? '' };
  };
  const rows: Row[] = [];
  for (const [name, url] of queries) rows.push(await measure(name, url, requests));
  // Each search term alone, newest first: a slow term shows here even when the rotation hides it.
  const termRequests = Math.max(20, Math.round(requests / 4));
  const termRows: Row[] = [];
  for (const term of searchTermList)
    termRows.push(await measure(`\`${term}\``, () => getList('users', ['createdAt', 'DESC'], [0, 24], { q: term }), termRequests));

  const ms = (value: number) => value.toFixed(1);
  const benchSeconds = (performance.now() - benchStart) / 1000;
  console.log();
  console.log(
    `Admin lists at ${users.toLocaleString('en')} users on ${engine} (single-node replica set), ${os.cpus().length} CPUs, Node ${process.versions.node}`,
  );
  console.log(`command: npm run bench:admin -- --users ${users}${values.requests === '200' ? '' : ` --requests ${requests}`}`);
  console.log(
    `import: ${users.toLocaleString('en')} rows in ${importSeconds.toFixed(1)} s = ${Math.round(users / importSeconds).toLocaleString('en')} rows/s (POST /api/v1/tenants/:id/users/import: ${importRequests} requests of at most ${CHUNK.toLocaleString('en')} rows, ${officeNames.length} offices)`,
  );
  console.log();
  console.log(`| query (${requests} sequential requests each, after a warm-up) | total (1st request) | p50 ms | p95 ms | p99 ms | p95 < ${GOAL_P95_MS} ms |`);
  console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const row of rows)
    console.log(`| ${row.name} | ${row.total} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.p95 < GOAL_P95_MS ? 'yes' : 'NO'} |`);
  console.log();
  console.log(`| search q, one term (${termRequests} sequential requests each, newest first) | matches | p50 ms | p95 ms | p99 ms | p95 < ${GOAL_P95_MS} ms |`);
  console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const row of termRows)
    console.log(`| ${row.name} | ${row.total} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.p95 < GOAL_P95_MS ? 'yes' : 'NO'} |`);
  const searchRows = [...rows.filter((row) => row.name.startsWith('users, search q')), ...termRows];
  const worst = searchRows.reduce((slowest, row) => (row.p95 > slowest.p95 ? row : slowest));
  console.log();
  console.log(
    `search q p95 at ${users.toLocaleString('en')} users: ${ms(rows.find((row) => row.name.startsWith('users, search q'))!.p95)} ms over the terms in turn; slowest ${ms(worst.p95)} ms (${worst.name}); goal < ${GOAL_P95_MS} ms`,
  );
  console.log();
  console.log(`bench run time: ${benchSeconds.toFixed(0)} s`);
} finally {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connection.close().catch(() => undefined);
  await disconnectMongo().catch(() => undefined);
  await mongod.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
