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
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { pino } from 'pino';
import { createApp } from '../api/app.js';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import { createUseCases } from '../use-cases/index.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo, mongoServerVersion } from '../data/connect.js';
import { consoleList as getList, IMPORT_CHUNK as CHUNK, searchTermList, seedCustomerBase, signInAdmin } from './customer-base.js';
import { officeNames } from './people.js';
import { startBenchMongod } from './stack.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } } });
const users = Number(values.users);
const requests = Number(values.requests);
const GOAL_P95_MS = 50;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-admin-'));
const benchStart = performance.now();

console.log(`bench:admin: ${users} users, ${requests} timed requests per query, scratch ${scratch}`);
const { mongod, port: mongoPort } = await startBenchMongod(scratch);
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
const connection = Connection.lazy({ address: config.temporalAddress });
const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
const useCases = createUseCases({ config, temporal });
await useCases.adminAccounts.ensureBootstrapAdmin(logger);
const server = createApp({ config, temporal, logger, useCases }).listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

try {
  const engine = `mongod ${await mongoServerVersion()}`;

  const { cookie, adminJson } = await signInAdmin(base, admin);
  const { key } = await useCases.apiKeys.create(PLATFORM_SCOPE, { name: 'bench' });
  const { tenantIds, importSeconds, importRequests, advanced, advanceSeconds, counts } = await seedCustomerBase({ base, adminJson, apiKey: key, users });
  console.log(`statuses (${advanced} users moved on in ${advanceSeconds.toFixed(1)} s): ${counts.map((count) => `${count._id} ${count.n}`).join(', ')}`);

  // 3. The console's queries, as the stock provider writes them.
  const rotate =
    <T>(list: T[]) =>
    (i: number) =>
      list[i % list.length]!;
  const searchTerms = rotate(searchTermList);
  const statuses = rotate(['invited', 'active', 'expired', 'registered']);
  const tenants = rotate(tenantIds);
  const queries: [string, (i: number) => string][] = [
    ['users, first page (newest first)', () => getList('users', ['createdAt', 'DESC'], [0, 24])],
    ['users sorted by name ASC', () => getList('users', ['name', 'ASC'], [0, 24])],
    ['users sorted by name DESC', () => getList('users', ['name', 'DESC'], [0, 24])],
    [`users, deep page [${users - 1025},${users - 1001}]`, () => getList('users', ['createdAt', 'DESC'], [users - 1025, users - 1001])],
    // The deepest walk: a page in the second half is read from the end (data/paged-list.ts).
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
