/**
 * `npm run bench:import -- [--users 1000000] [--office 200000] [--file 50000] [--small 5000] [--runs 20] [--cache-gb G] [--profile] [--mongod-profile]`
 * The migration import and review at a national customer base's size, over HTTP:
 * 1. writes a base of `--users` people over 100 offices straight into MongoDB (bench:admin's
 *    test/harness/bench-data.ts seedNationalBase: statuses, logins, search keys, indexes built once);
 * 2. starts the API in its own process (api/main.ts, with a Temporal dev server it needs for
 *    "Update accounts") and imports CSV files through POST /api/v1/tenants/:id/users/import (API
 *    key, text/csv): one file of `--small` rows into a new office, then `--office` / `--file` files of
 *    `--file` rows into another, printing each file's rows/s and the CPU the API and mongod spent
 *    per 1,000 rows: the first and the last file into the big office must take about the same. The
 *    files carry the problems offices' files do: about 1 row in 500 without an e-mail, 1 in 1,000
 *    repeating the row before's, 1 in 1,000 with an address that is already a login in the base;
 * 3. times, as the console asks for them (admin session), the review's first page, a page deep in
 *    it (after a code), the rows to fix, its counts, two searches and the activation tracker, for the
 *    small office and the big one: p50/p95 of `--runs` requests each, goal p95 < 50 ms;
 * 4. presses "Update accounts" for the big office: refused while rows have problems (it derives
 *    every user's problems again first), then, those rows inactivated, started (and cancelled: no
 *    worker runs), each timed;
 * 5. prints the users collection's indexes and search keys per user, and with `--profile` where the
 *    API's CPU went (node --cpu-prof on the API process: self time by package and by function), and
 *    with `--mongod-profile` where mongod's went while the big office imported (Linux perf:
 *    inserts and their index entries, reads, cache eviction; bench/mongod-profile.ts).
 * mongod's WiredTiger cache is `--cache-gb` (default 1 GB per 200,000 users, at least 1, as
 * bench:admin). Everything runs in a scratch folder removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo, mongoServerVersion } from '../data/connect.js';
import { freePort, type ManagedChild } from '../embedded/child-process.js';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import { flushToDisk, seedNationalBase, usersCollectionStats } from '../test/harness/bench-data.js';
import { createUseCases } from '../use-cases/index.js';
import { summarizeCpuProfiles } from './cpu-profile.js';
import { profileMongod } from './mongod-profile.js';
import { signInAdmin } from './customer-base.js';
import { person } from './people.js';
import { percentile } from './load-report.js';
import { cpuMeter, onePid } from './process-cpu.js';
import { benchRoot, startApiProcess, startBenchMongod, startBenchTemporal, waitFor } from './stack.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    office: { type: 'string', default: '200000' },
    file: { type: 'string', default: '50000' },
    small: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '20' },
    'cache-gb': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'mongod-profile': { type: 'boolean', default: false },
  },
});
const users = Number(values.users);
const officeSize = Number(values.office);
const fileRows = Number(values.file);
const smallSize = Number(values.small);
const runs = Number(values.runs);
if (![users, officeSize, fileRows, smallSize, runs].every((n) => Number.isInteger(n) && n >= 1) || officeSize % fileRows !== 0 || runs < 10) {
  console.error(
    'usage: npm run bench:import -- [--users N] [--office N, a multiple of --file] [--file N] [--small N] [--runs N >= 10] [--cache-gb G] [--profile] [--mongod-profile]',
  );
  process.exit(2);
}
const cacheGb = values['cache-gb'] ? Number(values['cache-gb']) : Math.max(1, Math.ceil(((users + officeSize + smallSize) / 200_000) * 10) / 10);
const BASE_OFFICES = 100;
const GOAL_P95_MS = 50;
const GOAL_ROWS_PER_S = 10_000;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-import-'));
const profileDir = path.join(scratch, 'profile');
const loadBefore = os.loadavg();
const benchStart = performance.now();
const n = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 1 });
console.log(
  `bench:import: ${n(users)} users in the base, an office of ${n(smallSize)} and one of ${n(officeSize)} in files of ${n(fileRows)} rows; mongod cache ${cacheGb} GB; load average before start ${loadBefore.map((load) => load.toFixed(2)).join(' ')}; scratch ${scratch}`,
);

const { mongod, port: mongoPort } = await startBenchMongod(scratch, cacheGb);
const temporal = await startBenchTemporal(path.join(scratch, 'temporal'));
const apiPort = await freePort();
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  PORT: String(apiPort),
  MONGO_URL: embeddedMongoUrl(mongoPort, 'bench_import'),
  TEMPORAL_ADDRESS: temporal.address,
  SMTP_URL: 'smtp://127.0.0.1:2525',
  API_RATE_LIMIT: '1000000',
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
};
const config = loadConfig(env);
const base = `http://127.0.0.1:${apiPort}`;
let api: ManagedChild | undefined;
const connection = Connection.lazy({ address: config.temporalAddress });

/** A CSV file of people `first`…`first + count - 1` (bench/people.ts), codes from `firstCode`, with the problems offices' files have. */
function csvFile(first: number, count: number, firstCode: number, takenLogin: (i: number) => string) {
  const lines = ['code,name,legacyUsername,email,role'];
  let previous = '';
  for (let i = 0; i < count; i++) {
    const seed = person(first + i);
    const code = firstCode + i;
    let email = seed.email;
    if (i % 500 === 250) email = '';
    else if (i % 1_000 === 333) email = previous;
    else if (i % 1_000 === 666) email = takenLogin(first + i);
    previous = seed.email;
    lines.push(`${code},${seed.name},u${code},${email},${code === 1 ? 'supervisor' : seed.role}`);
  }
  return lines.join('\n');
}

/** The login of a person of the base who has one (not staged), near person `near`. */
function baseLogin(near: number) {
  for (let index = near % users; ; index = (index + 1) % users) if (person(index).status !== 'staged') return person(index).email;
}

type Timing = { name: string; p50: number; p95: number; max: number; note: string };

try {
  await connectMongo(config.mongoUrl);
  const useCases = createUseCases({ config, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) });
  const engine = `mongod ${await mongoServerVersion()}`;

  // 1. The base, behind the service's back; the offices and the API key through the use-cases.
  const tenant = async (name: string, plan: 'essential' | 'plus' | 'premium') =>
    (await useCases.tenants.create({ name, plan, selfSignup: false }, { type: 'admin', id: 'bench', label: 'bench:import' })).id;
  const baseTenants: string[] = [];
  for (let index = 0; index < BASE_OFFICES; index++) baseTenants.push(await tenant(`Escritório ${String(index + 1).padStart(3, '0')}`, 'essential'));
  const small = await tenant('Escritório Pequeno', 'plus');
  const big = await tenant('Escritório Nacional', 'premium');
  const { key } = await useCases.apiKeys.create(PLATFORM_SCOPE, { name: 'bench-import' });
  const seedStart = performance.now();
  const sizes = baseTenants.map((_, index) => Math.floor(users / BASE_OFFICES) + (index < users % BASE_OFFICES ? 1 : 0));
  await seedNationalBase(baseTenants, sizes);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`base: ${n(users)} users written in ${seedSeconds.toFixed(0)} s`);

  // 2. The API as production runs it, optionally profiled.
  if (values.profile) fs.mkdirSync(profileDir);
  const apiStart = performance.now();
  if (values.profile) process.env.BENCH_API_NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${profileDir}`;
  api = startApiProcess(env);
  await waitFor(
    async () => {
      if (!api!.running) throw new Error(`api exited:\n${api!.recentOutput.join('\n')}`);
      // Live is enough: readiness also wants a worker, and none runs here (nothing is sent).
      return (await fetch(`${base}/healthz`).catch(() => null))?.ok ?? false;
    },
    600_000,
    'the API to be up (/healthz)',
  );
  console.log(`API ready in ${((performance.now() - apiStart) / 1000).toFixed(1)} s`);
  const meter = () => cpuMeter({ api: onePid(api!.process.pid), mongod: onePid(mongod.process.pid) });

  const importFile = async (tenantId: string, csv: string, rows: number) => {
    const cpu = meter();
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/tenants/${tenantId}/users/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    const result = (await response.json()) as { created?: number; rejected?: number; rows?: { emailProblems: string[] }[] };
    const seconds = (performance.now() - started) / 1000;
    if (!response.ok) throw new Error(`import: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
    const withProblems = result.rows!.filter((row) => row.emailProblems.length > 0).length;
    return { seconds, rate: rows / seconds, created: result.created!, rejected: result.rejected!, withProblems, cpu: cpu.perProcess(rows / 1_000) };
  };
  let nextPerson = users;
  const imports: { office: string; file: number; rows: number; before: number; result: Awaited<ReturnType<typeof importFile>> }[] = [];
  {
    const csv = csvFile(nextPerson, smallSize, 1, baseLogin);
    nextPerson += smallSize;
    imports.push({ office: 'small', file: 1, rows: smallSize, before: 0, result: await importFile(small, csv, smallSize) });
  }
  const mongodProfile = values['mongod-profile'] ? profileMongod(mongod.process.pid!, scratch) : null;
  for (let file = 0; file < officeSize / fileRows; file++) {
    const csv = csvFile(nextPerson, fileRows, file * fileRows + 1, baseLogin);
    nextPerson += fileRows;
    imports.push({ office: 'big', file: file + 1, rows: fileRows, before: file * fileRows, result: await importFile(big, csv, fileRows) });
    const last = imports.at(-1)!;
    console.log(`  big office, file ${file + 1}: ${n(last.result.rate)} rows/s (${last.result.seconds.toFixed(1)} s)`);
  }

  const mongodCpu = await mongodProfile?.stop();

  // 3. The review and the tracker as the console asks for them, once mongod has written the imports to disk.
  await flushToDisk();
  const { cookie } = await signInAdmin(base, admin);
  const get = async (url: string) => {
    const response = await fetch(`${base}${url}`, { headers: { Cookie: cookie, Accept: 'application/json' } });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
  const time = async (name: string, url: string, note: (body: Record<string, unknown>) => string = () => ''): Promise<Timing> => {
    let body = await get(url);
    for (let i = 0; i < 2; i++) await get(url);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      body = await get(url);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return { name, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: samples.at(-1)!, note: note(body) };
  };
  const counted = (body: Record<string, unknown>) => {
    const counts = body.counts as { toMigrate: number; inactive: number; withProblems: number };
    return `total ${n(body.total as number)}${body.more ? '+' : ''}; ${n(counts.toMigrate)} to migrate, ${n(counts.withProblems)} with problems`;
  };
  const timings: { office: string; size: number; rows: Timing[] }[] = [];
  for (const [office, tenantId, size] of [
    ['small', small, smallSize],
    ['big', big, officeSize],
  ] as const) {
    const review = `/api/admin/tenants/${tenantId}/migration/review`;
    const rows: Timing[] = [];
    rows.push(await time('review, first page (100 by code)', `${review}?limit=100`, counted));
    rows.push(await time('review, a page deep in it (after a code)', `${review}?limit=100&afterCode=${size - 150}`, counted));
    rows.push(await time('review, offset 4,900', `${review}?limit=100&offset=4900`, counted));
    rows.push(await time('review, only the rows to fix', `${review}?limit=100&problemsOnly=true`, counted));
    rows.push(await time('review, counts (a page of 1)', `${review}?limit=1`, counted));
    rows.push(await time('review, search "maria"', `${review}?limit=100&q=maria`, counted));
    rows.push(await time('review, search "silva c"', `${review}?limit=100&q=silva%20c`, counted));
    rows.push(
      await time('activation tracker', `/api/admin/tenants/${tenantId}/activation`, (body) => {
        const counts = body.counts as Record<string, number>;
        return `${n(Object.values(counts).reduce((sum, count) => (typeof count === 'number' ? sum + count : sum), 0))} counted`;
      }),
    );
    timings.push({ office, size, rows });
  }

  // 4. "Update accounts" at the big office's size: refused while problems remain, then started.
  const startPath = `/api/admin/tenants/${big}/migrations`;
  const supervisor = ((await get(`/api/admin/tenants/${big}/migration/review?limit=1`)).qualified as { id: string }).id;
  const post = async (url: string, body?: unknown) => {
    const started = performance.now();
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, ms: performance.now() - started };
  };
  const blocked = await post(startPath, { actingUserId: supervisor });
  const toFix: string[] = [];
  for (let afterCode: number | undefined; ;) {
    const page = await get(`/api/admin/tenants/${big}/migration/review?limit=500&problemsOnly=true${afterCode === undefined ? '' : `&afterCode=${afterCode}`}`);
    const rows = page.rows as { id: string; code: number }[];
    toFix.push(...rows.map((row) => row.id));
    if (rows.length < 500) break;
    afterCode = rows.at(-1)!.code;
  }
  const fixStart = performance.now();
  for (const id of toFix) {
    const answer = await post(`/api/admin/tenants/${big}/migration/users/${id}/inactivate?limit=1`);
    if (answer.status !== 200) throw new Error(`inactivate: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
  const fixMs = (performance.now() - fixStart) / Math.max(1, toFix.length);
  const started = await post(startPath, { actingUserId: supervisor });
  if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
  await post(`/api/admin/migrations/${started.body.migrationId as string}/cancel`);

  // 5. The collection as it ended, and where the API's CPU went.
  const stats = await usersCollectionStats();
  await api.stop(60_000);
  const benchSeconds = (performance.now() - benchStart) / 1000;

  const ms = (value: number) => value.toFixed(1);
  console.log();
  console.log(
    `Migration import and review at ${n(users)} users on ${engine} (single-node replica set, ${cacheGb} GB cache), ${os.cpus().length} CPUs, Node ${process.versions.node}; load average before start ${loadBefore.map((load) => load.toFixed(2)).join(' ')}, at the end ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `command: npm run bench:import -- --users ${users} --office ${officeSize} --file ${fileRows} --small ${smallSize} --runs ${runs}${values.profile ? ' --profile' : ''}${values['mongod-profile'] ? ' --mongod-profile' : ''}`,
  );
  console.log();
  console.log(
    `| file (CSV through POST /api/v1/tenants/:id/users/import) | users in the office before | rows/s | s | created / rejected / with e-mail problems | CPU ms per 1,000 rows: API, mongod | ≥ ${n(GOAL_ROWS_PER_S)} rows/s (files of ${n(fileRows)}) |`,
  );
  console.log('| --- | ---: | ---: | ---: | --- | --- | :---: |');
  for (const { office, file, rows, before, result } of imports)
    console.log(
      `| ${office} office, file ${file} (${n(rows)} rows) | ${n(before)} | ${n(Math.round(result.rate))} | ${result.seconds.toFixed(1)} | ${n(result.created)} / ${n(result.rejected)} / ${n(result.withProblems)} | ${ms(result.cpu.api!)}, ${ms(result.cpu.mongod!)} | ${rows < fileRows ? '—' : result.rate >= GOAL_ROWS_PER_S ? 'yes' : 'NO'} |`,
    );
  const bigFiles = imports.filter((entry) => entry.office === 'big');
  console.log(
    `big office: first file ${n(Math.round(bigFiles[0]!.result.rate))} rows/s, last ${n(Math.round(bigFiles.at(-1)!.result.rate))} rows/s (last / first ${(bigFiles.at(-1)!.result.rate / bigFiles[0]!.result.rate).toFixed(2)})`,
  );
  if (mongodCpu)
    console.log(
      mongodCpu.split
        ? `mongod's CPU while the big office imported (perf samples, inclusive): ${mongodCpu.split.map(({ name, share }) => `${name.trim()} ${share.toFixed(1)} %`).join(', ')}`
        : `mongod's CPU: not profiled (${mongodCpu.reason})`,
    );
  for (const { office, size, rows } of timings) {
    console.log();
    console.log(`| ${office} office (${n(size)} users), ${runs} sequential requests each | p50 ms | p95 ms | max ms | p95 < ${GOAL_P95_MS} ms | answer |`);
    console.log('| --- | ---: | ---: | ---: | :---: | --- |');
    for (const row of rows)
      console.log(`| ${row.name} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.max)} | ${row.p95 < GOAL_P95_MS ? 'yes' : 'NO'} | ${row.note} |`);
  }
  console.log();
  console.log(
    `Update accounts, big office: refused (${blocked.status} ${(blocked.body.error as { code?: string } | undefined)?.code ?? ''}, ${n((blocked.body.error as { fields?: unknown[] } | undefined)?.fields?.length ?? 0)} rows listed) in ${ms(blocked.ms)} ms; ${n(toFix.length)} rows inactivated (${ms(fixMs)} ms each); started (${started.status}) in ${ms(started.ms)} ms`,
  );
  console.log();
  const indexes = Object.entries(stats.indexSizes).sort((a, b) => b[1] - a[1]);
  console.log(
    `users: ${n(stats.count)} documents, ${n(stats.size / 1_048_576)} MiB; ${indexes.length} indexes, ${n(stats.totalIndexSize / 1_048_576)} MiB; search keys per user: ${n(stats.nameKeysPerUser)} name, ${n(stats.emailKeysPerUser)} e-mail; largest indexes: ${indexes
      .slice(0, 6)
      .map(([name, size]) => `${name} ${n(size / 1_048_576)} MiB`)
      .join(', ')}`,
  );
  if (values.profile) {
    const summary = summarizeCpuProfiles(profileDir, benchRoot);
    const share = (value: number) => `${((100 * value) / summary.busyMs).toFixed(1)} %`;
    console.log();
    console.log(`API CPU profile (node --cpu-prof, the whole run, idle left out): ${n(summary.busyMs / 1000)} s busy`);
    console.log(
      `by package or file: ${summary.places
        .slice(0, 14)
        .map((entry) => `${entry.place} ${share(entry.ms)}`)
        .join(', ')}`,
    );
    console.log(
      `by function: ${summary.functions
        .slice(0, 14)
        .map((entry) => `${entry.name} (${entry.place}) ${share(entry.ms)}`)
        .join(', ')}`,
    );
  }
  console.log();
  console.log(`bench run time: ${benchSeconds.toFixed(0)} s`);
} finally {
  await api?.stop(60_000);
  await connection.close().catch(() => undefined);
  await disconnectMongo().catch(() => undefined);
  await temporal.server.stop();
  await mongod.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
