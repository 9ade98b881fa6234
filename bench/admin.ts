/**
 * `npm run bench:admin -- --users N [--requests 50] [--offices 100] [--office-users 5000] [--cache-gb G] [--serve]`
 * The admin console at the size of a national customer base, on MongoDB's own mongod:
 * 1. creates `--offices` offices through the admin API and writes N users spread evenly over them,
 *    plus one office of `--office-users`, straight into MongoDB (test/harness/bench-data.ts
 *    seedNationalBase: bench/people.ts's names and statuses, search keys as every write derives them,
 *    indexes built once at the end; the import's own speed is bench:import's), and prints the
 *    users collection's and its indexes' sizes (collStats);
 * 2. signs in as a platform admin, and as an account of the office of `--office-users`, and times
 *    every query shape the console sends, as ra-data-simple-rest writes it plus the cursor the
 *    console's users list adds (JSON sort/range/filter, `after`; session cookie): one request at a
 *    time, so latency is latency, the shapes in turn (round after round, one request of each, so a
 *    burst of load on shared cores weighs on all alike), after rounds of warm-up; p50/p95/p99 of
 *    each, and whether the p95 is under 50 ms. A shape the product refuses (an offset past row 10,000, a search of more than
 *    10,000 matches sorted by name) is timed as refused, with its status.
 * mongod's WiredTiger cache is `--cache-gb` (default: 1 GB per 200,000 users, at least 1): the
 * lists need their indexes and the pages' documents in memory, about 3.5 GB at a million users
 * (docs/benchmarks.md). The reads need no Temporal server, so none runs: the API gets a lazy
 * Temporal connection that nothing here uses. Everything runs in a scratch folder removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { pino } from 'pino';
import { createApp } from '../api/app.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo, mongoServerVersion } from '../data/connect.js';
import { createUseCases } from '../use-cases/index.js';
import { anOfficeUser, seedNationalBase, usersCollectionStats, usersPerStatus } from '../test/harness/bench-data.js';
import { consoleList, signInAdmin } from './customer-base.js';
import { startBenchMongod } from './stack.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '50' },
    offices: { type: 'string', default: '100' },
    'office-users': { type: 'string', default: '5000' },
    'cache-gb': { type: 'string' },
    // Keeps the API and its data up after the figures, until Ctrl-C or SIGTERM: a probe from
    // outside the repository can then ask the same base its own questions.
    serve: { type: 'boolean', default: false },
  },
});
const users = Number(values.users);
const requests = Number(values.requests);
const offices = Number(values.offices);
const officeUsers = Number(values['office-users']);
const cacheGb = values['cache-gb'] ? Number(values['cache-gb']) : Math.max(1, Math.ceil(((users + officeUsers) / 200_000) * 10) / 10);
const GOAL_P95_MS = 50;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-admin-'));
const benchStart = performance.now();
const mib = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en', { maximumFractionDigits: 0 })} MiB`;

console.log(
  `bench:admin: ${users} users in ${offices} offices and one of ${officeUsers}, ${requests} timed requests per query, mongod cache ${cacheGb} GB, scratch ${scratch}`,
);
const { mongod, port: mongoPort } = await startBenchMongod(scratch, cacheGb);
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  MONGO_URL: embeddedMongoUrl(mongoPort, 'bench'),
  // Never dialled: the admin reads do not touch Temporal.
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

  // 1. The offices, through the API; their people, straight into MongoDB.
  const tenantIds: string[] = [];
  for (let index = 0; index <= offices; index++) {
    const name = index === offices ? 'Escritório Central' : `Escritório ${String(index + 1).padStart(3, '0')}`;
    tenantIds.push((await adminJson('POST', '/api/admin/tenants', { name, plan: (['essential', 'plus', 'premium'] as const)[index % 3] })).id);
  }
  const sizes = [...Array.from({ length: offices }, (_, index) => Math.floor(users / offices) + (index < users % offices ? 1 : 0)), officeUsers];
  const office = tenantIds.at(-1)!;
  const seedStart = performance.now();
  let shown = 0;
  const seeded = await seedNationalBase(tenantIds, sizes, (written) => {
    if (written - shown >= 100_000) {
      shown = written;
      console.log(`  ${written.toLocaleString('en')} users written (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    }
  });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const stats = await usersCollectionStats();
  const counts = await usersPerStatus();
  console.log(
    `seeded ${seeded.users.toLocaleString('en')} users and ${seeded.emails.toLocaleString('en')} e-mails in ${seedSeconds.toFixed(0)} s (indexes built at the end); statuses: ${counts.map((count) => `${count._id} ${count.n}`).join(', ')}`,
  );

  // The office's own console account: it sees its 5,000 users only.
  const officeAccount = { email: 'bench-office@example.com', password: 'bench office password 1' };
  await adminJson('POST', '/api/admin/admins', { ...officeAccount, name: 'Office', role: 'admin', tenantUserId: await anOfficeUser(office) });
  const officeSession = await signInAdmin(base, officeAccount);

  // The cursors of rows 10,000, 100,000 and 500,000 of the default list, as the console reaches
  // them: an offset up to row 10,000, then a cursor from each page of 1,000 to the next.
  const total = users + officeUsers;
  const deepRows = [100_000, 500_000].map((row) => Math.min(row, total - 1_000));
  const cursors = new Map<number, string>();
  const walkStart = performance.now();
  {
    const first = await fetch(`${base}${consoleList('users', ['createdAt', 'DESC'], [9_000, 9_999])}`, { headers: { Cookie: cookie } });
    let after = first.headers.get('x-next-cursor')!;
    await first.arrayBuffer();
    for (let row = 10_000; row <= Math.max(...deepRows); row += 1_000) {
      if (deepRows.includes(row)) cursors.set(row, after);
      if (row === Math.max(...deepRows)) break;
      const page = await fetch(`${base}${consoleList('users', ['createdAt', 'DESC'], [0, 999])}&after=${after}`, { headers: { Cookie: cookie } });
      await page.arrayBuffer();
      after = page.headers.get('x-next-cursor')!;
    }
  }
  const walkSeconds = (performance.now() - walkStart) / 1000;

  // 2. The console's queries.
  type Shape = { name: string; url: (i: number) => string; session?: string; expect?: number[] };
  const rotate =
    <T>(list: T[]) =>
    (i: number) =>
      list[i % list.length]!;
  const statuses = rotate(['invited', 'active', 'expired', 'registered']);
  const tenants = rotate(tenantIds.slice(0, offices));
  const sorts: [string, 'ASC' | 'DESC'][] = [
    ['createdAt', 'DESC'],
    ['name', 'ASC'],
    ['email', 'ASC'],
    ['code', 'ASC'],
    ['status', 'ASC'],
    ['statusChangedAt', 'DESC'],
  ];
  const flip = ([field, order]: [string, 'ASC' | 'DESC']): [string, 'ASC' | 'DESC'] => [field, order === 'ASC' ? 'DESC' : 'ASC'];
  const list = (sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown> = {}, after?: string) =>
    `${consoleList('users', sort, range, filter)}${after ? `&after=${after}` : ''}`;
  const searchTerms = [
    'ana',
    'MAR',
    'maria',
    'joão',
    'costa',
    'conceicao',
    'JOÃO S',
    'silva c',
    'fernanda',
    'gabriela sa',
    'z',
    'maria da silva s',
    'joão silva 9',
    'ana paula santos',
    'maria aparecida',
    'jose carlos da silva',
    'maria da silva santos',
  ];
  const emailTerms = ['luis.s', 'maria.silva', 'jose.santos1', 'francisca.oliveira1'];
  const groups: [string, Shape[]][] = [
    [
      'Users list, unfiltered (platform admin)',
      [
        { name: 'first page, newest first', url: () => list(['createdAt', 'DESC'], [0, 24]) },
        ...sorts.flatMap((sort) => [sort, flip(sort)]).map((sort) => ({ name: `sorted by ${sort[0]} ${sort[1]}`, url: () => list(sort, [0, 24]) })),
        { name: 'deepest offset page [9975,9999]', url: () => list(['createdAt', 'DESC'], [9_975, 9_999]) },
        ...deepRows.map((row) => ({
          name: `keyset page at row ${row.toLocaleString('en')} (after its cursor)`,
          url: () => list(['createdAt', 'DESC'], [0, 24], {}, cursors.get(row)),
        })),
        ...[100_000, 500_000].map((row) => ({
          name: `offset ${row.toLocaleString('en')} (refused: PAGE_TOO_DEEP)`,
          url: () => list(['createdAt', 'DESC'], [row, row + 24]),
          expect: [400],
        })),
      ],
    ],
    [
      'A status (4 in turn) or a tenant (each office in turn) with each sort',
      [
        ...sorts.map((sort) => ({ name: `status, by ${sort[0]} ${sort[1]}`, url: (i: number) => list(sort, [0, 24], { status: statuses(i) }) })),
        ...sorts.map((sort) => ({ name: `tenant, by ${sort[0]} ${sort[1]}`, url: (i: number) => list(sort, [0, 24], { tenantId: tenants(i) }) })),
        { name: 'tenant and status, newest first', url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { tenantId: tenants(i), status: statuses(i) }) },
        { name: 'status, deepest offset page [9975,9999]', url: (i: number) => list(['createdAt', 'DESC'], [9_975, 9_999], { status: statuses(i) }) },
      ],
    ],
    [
      'Search q, newest first, each term alone',
      [...searchTerms, ...emailTerms].map((q) => ({ name: `\`${q}\``, url: () => list(['createdAt', 'DESC'], [0, 24], { q }) })),
    ],
    [
      'Search q combined',
      [
        { name: `the ${searchTerms.length} name terms in turn`, url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { q: rotate(searchTerms)(i) }) },
        { name: 'with a status', url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { q: rotate(searchTerms)(i), status: statuses(i) }) },
        { name: 'with a tenant', url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { q: rotate(searchTerms)(i), tenantId: tenants(i) }) },
        { name: 'second page', url: (i: number) => list(['createdAt', 'DESC'], [25, 49], { q: rotate(searchTerms)(i) }) },
        ...sorts.slice(1).map((sort) => ({
          name: `with a tenant, by ${sort[0]} ${sort[1]}`,
          url: (i: number) => list(sort, [0, 24], { q: rotate(searchTerms)(i), tenantId: tenants(i) }),
        })),
        ...sorts.slice(1).map((sort) => ({
          name: `with a status, by ${sort[0]} ${sort[1]}`,
          url: (i: number) => list(sort, [0, 24], { q: rotate(searchTerms)(i), status: statuses(i) }),
          // Refused when neither the words nor the status are few, in an order that follows the words.
          expect: [200, 422],
        })),
        { name: '`ana paula santos` by name (in memory)', url: () => list(['name', 'ASC'], [0, 24], { q: 'ana paula santos' }) },
        { name: '`maria` by code (the codes walked, the words checked)', url: () => list(['code', 'ASC'], [0, 24], { q: 'maria' }) },
        // Refused once more than 5,000 match (about 200,000 at a million users): by name, a walk would read every name before "maria".
        { name: '`maria` by name (in memory, or TOO_MANY_TO_SORT)', url: () => list(['name', 'ASC'], [0, 24], { q: 'maria' }), expect: [200, 422] },
      ],
    ],
    [
      'Dashboard and e-mail log',
      [
        { name: 'dashboard (platform)', url: () => '/api/admin/dashboard?stuckDays=3' },
        { name: `dashboard (the office of ${officeUsers.toLocaleString('en')})`, url: () => '/api/admin/dashboard?stuckDays=3', session: officeSession.cookie },
        { name: 'e-mail log, first page', url: () => consoleList('emails', ['createdAt', 'DESC'], [0, 24]) },
      ],
    ],
    [
      `An office's own console (${officeUsers.toLocaleString('en')} users)`,
      [
        ...sorts.map((sort) => ({ name: `users by ${sort[0]} ${sort[1]}`, url: () => list(sort, [0, 24]), session: officeSession.cookie })),
        { name: 'last page by name', url: () => list(['name', 'ASC'], [officeUsers - 25, officeUsers - 1]), session: officeSession.cookie },
        { name: 'a status (4 in turn)', url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { status: statuses(i) }), session: officeSession.cookie },
        {
          name: 'search q (terms in turn)',
          url: (i: number) => list(['createdAt', 'DESC'], [0, 24], { q: rotate(searchTerms)(i) }),
          session: officeSession.cookie,
        },
        {
          name: 'search q by name (terms in turn)',
          url: (i: number) => list(['name', 'ASC'], [0, 24], { q: rotate(searchTerms)(i) }),
          session: officeSession.cookie,
        },
      ],
    ],
  ];

  type Row = { name: string; p50: number; p95: number; p99: number; total: string; status: number };
  const time = async ({ name, url, session = cookie, expect = [200] }: Shape, i: number) => {
    const started = performance.now();
    const response = await fetch(`${base}${url(i)}`, { headers: { Cookie: session, Accept: 'application/json' } });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (!expect.includes(response.status)) throw new Error(`${name}: ${response.status}, expected ${expect.join(' or ')} (${url(i)})`);
    const more = response.headers.get('x-total-exceeds');
    return {
      ms,
      status: response.status,
      total: more ? `> ${Number(more).toLocaleString('en')}` : (response.headers.get('content-range')?.split('/')[1] ?? ''),
    };
  };
  // Round after round, one request of each shape: the samples of every shape are spread over the
  // whole measurement, so a burst of load on the shared cores weighs on all shapes alike instead
  // of on whichever was being timed. Rounds of warm-up first.
  const loadAtStart = os.loadavg()[0]!;
  const shapes = groups.flatMap(([, list]) => list);
  const samples = shapes.map(() => [] as number[]);
  const firsts = shapes.map(() => ({ total: '', status: 0 }));
  for (let round = 0; round < Math.min(5, requests); round++) for (const shape of shapes) await time(shape, round);
  for (let round = 0; round < requests; round++) {
    for (const [index, shape] of shapes.entries()) {
      const answer = await time(shape, round);
      samples[index]!.push(answer.ms);
      firsts[index]!.total ||= answer.total;
      firsts[index]!.status ||= answer.status;
    }
  }
  const rowOf = (index: number): Row => {
    const sorted = [...samples[index]!].sort((a, b) => a - b);
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
    return { name: shapes[index]!.name, p50: at(0.5), p95: at(0.95), p99: at(0.99), ...firsts[index]! };
  };
  const loadAtEnd = os.loadavg()[0]!;
  let next = 0;
  const results: [string, Row[]][] = groups.map(([group, list]) => [group, list.map(() => rowOf(next++))]);

  const ms = (value: number) => value.toFixed(1);
  const benchSeconds = (performance.now() - benchStart) / 1000;
  console.log();
  console.log(
    `Admin console at ${total.toLocaleString('en')} users (${offices} offices of ${Math.floor(users / offices).toLocaleString('en')} and one of ${officeUsers.toLocaleString('en')}) on ${engine} (single-node replica set, WiredTiger cache ${cacheGb} GB), ${os.cpus().length} CPUs, Node ${process.versions.node}, load average at the end ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `command: npm run bench:admin -- --users ${users}${values.requests === '50' ? '' : ` --requests ${requests}`}${values.offices === '100' ? '' : ` --offices ${offices}`}${values['office-users'] === '5000' ? '' : ` --office-users ${officeUsers}`}${values['cache-gb'] ? ` --cache-gb ${cacheGb}` : ''}`,
  );
  console.log(
    `users collection: ${stats.count.toLocaleString('en')} documents, ${mib(stats.size)} (${mib(stats.storageSize)} on disk); indexes ${mib(stats.totalIndexSize)} on disk, of which the search keys' ${mib((stats.indexSizes['listed_1_nameKeys_1_createdAt_-1__id_-1'] ?? 0) + (stats.indexSizes['listed_1_emailKeys_1_createdAt_-1__id_-1'] ?? 0))}; ${stats.nameKeysPerUser.toFixed(1)} name keys and ${stats.emailKeysPerUser.toFixed(1)} e-mail keys per user; cache ${mib(stats.cacheBytes)}`,
  );
  console.log(
    `  ${Object.entries(stats.indexSizes)
      .map(([index, bytes]) => `${index} ${mib(bytes)}`)
      .join(', ')}`,
  );
  console.log(`walk to row ${Math.max(...deepRows).toLocaleString('en')} by cursor, pages of 1,000: ${walkSeconds.toFixed(1)} s`);
  console.log(`load average (1 min) when the timing started ${loadAtStart.toFixed(1)}, when it ended ${loadAtEnd.toFixed(1)}`);
  for (const [group, rows] of results) {
    console.log();
    console.log(`| ${group} (${requests} requests each, one at a time, the shapes in turn) | total | p50 ms | p95 ms | p99 ms | p95 < ${GOAL_P95_MS} ms |`);
    console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
    for (const row of rows)
      console.log(
        `| ${row.name} | ${row.status === 200 ? row.total : row.status} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.p95 < GOAL_P95_MS ? 'yes' : 'NO'} |`,
      );
  }
  const all = results.flatMap(([, rows]) => rows);
  const slowest = all.reduce((worst, row) => (row.p95 > worst.p95 ? row : worst));
  const over = all.filter((row) => row.p95 >= GOAL_P95_MS);
  console.log();
  console.log(
    `${all.length} shapes: ${over.length === 0 ? `every p95 < ${GOAL_P95_MS} ms` : `${over.length} at or over ${GOAL_P95_MS} ms (${over.map((row) => row.name).join('; ')})`}; slowest p95 ${ms(slowest.p95)} ms (${slowest.name})`,
  );
  console.log(`bench run time: ${benchSeconds.toFixed(0)} s`);
  if (values.serve) {
    console.log(
      `serving ${base} until Ctrl-C: platform admin ${admin.email} / ${admin.password}; office of ${officeUsers.toLocaleString('en')} ${office}, its account ${officeAccount.email} / ${officeAccount.password}`,
    );
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
} finally {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connection.close().catch(() => undefined);
  await disconnectMongo().catch(() => undefined);
  await mongod.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
