/**
 * `npm run bench:migration -- --users N [--workers N] [--temporal dev,postgres]`
 * Users per second from pressing "Update accounts" to "invited, e-mail accepted by the SMTP
 * receiver", next to the rate at which the same Temporal server, in the same run, completes
 * trivial workflows that run one activity (the ceiling). Measured on each Temporal server named,
 * one after the other in the same run: `dev` is the Temporal CLI's dev server on SQLite (what
 * `npm start` runs), `postgres` is Temporal server 1.29.1 on PostgreSQL 15 set up as
 * docker-compose.yml does (production/). MongoDB is the embedded mongod 6.0.5 replica set; the
 * workers are `--workers` processes (default 1) running worker/main.ts; e-mail rate limit off.
 * Also: CPU per item per process, each worker's peak RSS, the largest history, the office's
 * activation tracker timed every second while the migration runs (what its supervisor watches),
 * and the end checked: every user invited, each exactly once (one message per recipient).
 * The tracker is asked through an API process, as the console asks; while the migration runs, the
 * batch side (workers, Temporal, PostgreSQL) is at `--batch-nice` (10 by default; 0 for one
 * priority): on one shared machine it yields the cores to the interactive side (the API, MongoDB),
 * as separate hosts, or compose's `cpu_shares`, keep it off them in production.
 * Diagnostics: BENCH_WORKER_OUTPUT and BENCH_WORKER_NODE_OPTIONS (bench/stack.ts);
 * BENCH_SHOW_HISTORY=1 prints one lifecycle's history.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker as Thread } from 'node:worker_threads';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import { createUseCases } from '../use-cases/index.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { countWorkers } from '../data/worker-heartbeats.js';
import { freePort, type ManagedChild } from '../embedded/child-process.js';
import { startMailbox } from '../dev-tools/mailbox.js';
import { startPostgres } from '../dev-tools/production-shape/postgres.js';
import { productionPaths } from '../dev-tools/production-shape/paths.js';
import { setupTemporalSchema } from '../dev-tools/production-shape/temporal-schema.js';
import { startTemporalPostgresServer } from '../dev-tools/production-shape/temporal-postgres-server.js';
import { stageMigratingOffice } from '../test/harness/bench-data.js';
import { cpuMeter, deprioritize, onePid, processTree } from './process-cpu.js';
import { signInAdmin } from './customer-base.js';
import { ownedByBench, startApiProcess, startBenchMongod, startBenchTemporal, startWorkerProcess, waitFor } from './stack.js';

const engines = { dev: 'Temporal dev server (CLI v1.5.1, SQLite)', postgres: 'Temporal server 1.29.1 on PostgreSQL 15' } as const;
type Engine = keyof typeof engines;

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1' },
    probes: { type: 'string' },
    temporal: { type: 'string', default: 'dev,postgres' },
    'batch-nice': { type: 'string', default: '10' },
  },
});
const users = Number(values.users);
const workerCount = Number(values.workers);
const batchNice = Number(values['batch-nice']);
const probes = Number(values.probes ?? Math.min(users, 2_000));
const chosen = values.temporal.split(',').map((name) => name.trim()) as Engine[];
const unknown = chosen.filter((name) => !(name in engines));
if (
  !Number.isInteger(users) ||
  users < 1 ||
  !Number.isInteger(workerCount) ||
  workerCount < 1 ||
  !Number.isInteger(probes) ||
  probes < 1 ||
  !Number.isInteger(batchNice) ||
  batchNice < 0 ||
  batchNice > 19 ||
  unknown.length > 0 ||
  chosen.length === 0
) {
  console.error(
    `usage: npm run bench:migration -- --users N [--workers N] [--probes N] [--temporal ${Object.keys(engines).join(',')}] [--batch-nice 0-19]${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
  );
  process.exit(2);
}

// The probe worker's state changes at INFO would bury the figures.
Runtime.install({ logger: new DefaultLogger('WARN') });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-'));
// PostgreSQL runs as its own account when we are root: it must reach its folder inside.
fs.chmodSync(scratch, 0o711);

console.log(`bench: ${users} users, ${workerCount} worker process(es), ${probes} probe workflows, Temporal: ${chosen.join(' then ')}; scratch ${scratch}`);
const { mongod, port: mongoPort } = await startBenchMongod(scratch);

interface Result {
  engine: Engine;
  ceiling: number;
  ceilingCpu: string;
  rate: number;
  elapsed: number;
  cpuPerUser: string;
  peakRss: number;
  maxHistory: number;
  tracker: Timing;
  invitedOnce: boolean;
}
const results: Result[] = [];

/** One Temporal server, started for its round and stopped after. */
async function startTemporal(engine: Engine): Promise<{ address: string; processes: Record<string, () => number[]>; stop(): Promise<void> }> {
  const dir = path.join(scratch, engine);
  fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
  if (engine === 'dev') {
    const { server, address } = await startBenchTemporal(dir);
    return { address, processes: { temporal: onePid(server.process.pid) }, stop: () => server.stop() };
  }
  const database = { host: '127.0.0.1', port: await freePort(), user: 'temporal', password: 'bench-only-password' };
  const postgres = await startPostgres({ binDir: productionPaths.postgresBin, dir: path.join(dir, 'postgres'), ...database });
  ownedByBench(postgres.child);
  try {
    await setupTemporalSchema(database, path.join(dir, 'schema.log'));
    const server = await startTemporalPostgresServer({ dir: path.join(dir, 'temporal'), postgres: database });
    ownedByBench(() => server.child);
    return {
      address: server.address,
      processes: { temporal: onePid(server.child.process.pid), postgres: () => processTree(postgres.child.process.pid!) },
      stop: async () => {
        await server.child.stop(15_000);
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

type Timing = { samples: number; p50: number; p95: number; max: number };
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };

function summary(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

async function round(engine: Engine): Promise<Result> {
  console.log(`\n== ${engines[engine]}`);
  const temporal = await startTemporal(engine);
  const [smtpPort, webPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const mailbox = await startMailbox({ smtpPort, httpPort: webPort, capacity: users + 100 });
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: temporal.address,
    MONGO_URL: embeddedMongoUrl(mongoPort, `bench_${engine}`),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TEMPORAL_TASK_QUEUE: 'bench-activation',
    EMAIL_RATE_PER_SECOND: '0',
    REMINDER_SCHEDULE: '1d,3d',
    INVITE_TTL: '7d',
    PORT: String(apiPort),
    API_RATE_LIMIT: '1000000',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  };
  const config = loadConfig(env);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const workers: ManagedChild[] = [];
  let api: ManagedChild | undefined;
  try {
    // 1. The ceiling: trivial workflows with one activity, on the same server.
    const probeWorker = await Worker.create({
      connection: await NativeConnection.connect({ address: config.temporalAddress }),
      taskQueue: 'bench-probe',
      workflowsPath: fileURLToPath(new URL('./probe.ts', import.meta.url)),
      activities: { probeActivity: async () => undefined },
    });
    const probeRun = probeWorker.run();
    const ceilingMeter = cpuMeter({ ...temporal.processes, mongod: onePid(mongod.process.pid) });
    const ceilingSeconds = await timed(() =>
      inBatches(probes, 200, (i) => client.workflow.execute('probeWorkflow', { taskQueue: 'bench-probe', workflowId: `probe-${i}` })),
    );
    probeWorker.shutdown();
    await probeRun;
    const ceiling = probes / ceilingSeconds;
    const ceilingCpu = ceilingMeter.per(probes);
    console.log(`ceiling: ${probes} trivial workflows in ${ceilingSeconds.toFixed(1)} s = ${ceiling.toFixed(1)} /s`);
    console.log(`  CPU ms per workflow: ${ceilingCpu}`);

    // 2. The migration, with the real worker as its own process.
    await connectMongo(config.mongoUrl);
    const office = await stageMigratingOffice(users);

    for (let i = 0; i < workerCount; i++) workers.push(startWorkerProcess(env));
    const workerPids = workers.map((worker) => worker.process.pid!);
    // Peak RSS of the largest worker: each is bounded by its cache (WORKER_MAX_CACHED_WORKFLOWS).
    let peakRss = 0;
    const rssTimer = setInterval(() => {
      for (const pid of workerPids) {
        try {
          const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
          peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
        } catch {
          // not started yet, or gone
        }
      }
    }, 500);
    await waitFor(async () => (await countWorkers()) >= workerCount, 60_000);
    if (batchNice > 0) {
      const batch = () => [...Object.values(temporal.processes).flatMap((pids) => pids()), ...workerPids];
      deprioritize(batch(), batchNice);
      console.log(`workers, Temporal and PostgreSQL at nice ${batchNice}`);
    }

    const useCases = createUseCases({ config, temporal: client });
    // The supervisor's tracker, one request a second while the migration runs: as the console asks
    // for it, through an API process, timed from a thread of its own (bench/tracker-sampler.mjs).
    // One asker, as one supervisor's console is: earlier runs also called the use-case in this
    // process at the same time, which doubled the tracker's load on mongod (docs/benchmarks.md).
    api = startApiProcess(env);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitFor(async () => {
      if (!api!.running) throw new Error(`api exited:\n${api!.recentOutput.join('\n')}`);
      return (await fetch(`${base}/healthz`).catch(() => null))?.ok ?? false;
    }, 120_000);
    const { cookie } = await signInAdmin(base, admin);
    const sampler = new Thread(new URL('./tracker-sampler.mjs', import.meta.url), {
      workerData: { url: `${base}/api/admin/tenants/${office.tenantId}/activation?stuckDays=7`, cookie, intervalMs: 1_000 },
    });
    const apiTimes = new Promise<number[]>((resolve, reject) => {
      sampler.once('message', resolve);
      sampler.once('error', reject);
    });
    const recipients = new Set<string>();
    let counted = 0;
    const distinctRecipients = () => {
      for (; counted < mailbox.messages.length; counted++) for (const to of mailbox.messages[counted]!.to) recipients.add(to);
      return recipients.size;
    };
    const migrationMeter = cpuMeter({
      ...temporal.processes,
      mongod: onePid(mongod.process.pid),
      ...Object.fromEntries(workerPids.map((pid, i) => [`worker-${i + 1}`, onePid(pid)])),
    });
    const elapsed = await timed(async () => {
      await useCases.migrations.start(PLATFORM_SCOPE, {
        tenantId: office.tenantId,
        actingUserId: office.userIds[0]!,
        actor: { type: 'system', id: 'bench', label: 'bench' },
        locale: 'en',
      });
      await waitFor(async () => distinctRecipients() >= users, 7_200_000);
    });
    sampler.postMessage('stop');
    const throughApi = summary(await apiTimes);
    await sampler.terminate();
    clearInterval(rssTimer);
    const rate = users / elapsed;
    // Nobody lost, nobody invited twice: a while longer for a late duplicate, then one message per person.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const perRecipient = new Map<string, number>();
    for (const message of mailbox.messages) for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const twice = [...perRecipient.values()].filter((count) => count > 1).length;
    const invitedOnce = perRecipient.size === users && twice === 0;
    const cpuPerUser = migrationMeter.per(users);

    let maxHistory = 0;
    for await (const execution of client.workflow.list({ query: `TaskQueue="${config.TEMPORAL_TASK_QUEUE}"` }))
      maxHistory = Math.max(maxHistory, execution.historyLength ?? 0);
    if (process.env.BENCH_SHOW_HISTORY) {
      const history = await client.workflow.getHandle(`user-activation-${office.userIds[1]!}`).fetchHistory();
      console.log(history.events?.map((event) => `${event.eventId} ${Object.keys(event).find((key) => key.endsWith('Attributes'))}`).join('\n'));
    }
    console.log(`migration: ${users} users invited in ${elapsed.toFixed(1)} s = ${rate.toFixed(1)} users/s`);
    console.log(`  CPU ms per user: ${cpuPerUser}`);
    console.log(`ratio to ceiling: ${(rate / ceiling).toFixed(2)} (goal >= 0.7)`);
    console.log(`worker peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB; largest history: ${maxHistory} events`);
    const line = (tracker: Timing) =>
      `${tracker.samples} requests, p50 ${tracker.p50.toFixed(1)} ms, p95 ${tracker.p95.toFixed(1)} ms, max ${tracker.max.toFixed(1)} ms`;
    console.log(`tracker while migrating, through the API: ${line(throughApi)}`);
    console.log(`invited: ${perRecipient.size} of ${users} people, ${twice} more than once${invitedOnce ? '' : '  <-- NOT exactly once'}`);
    return { engine, ceiling, ceilingCpu, rate, elapsed, cpuPerUser, peakRss, maxHistory, tracker: throughApi, invitedOnce };
  } finally {
    await Promise.all([...workers, ...(api ? [api] : [])].map((child) => child.stop()));
    await disconnectMongo().catch(() => undefined);
    await connection.close();
    await mailbox.close();
    await temporal.stop();
  }
}

try {
  for (const engine of chosen) results.push(await round(engine));
  console.log(`\n${users} users, ${workerCount} worker process(es), mongod 6.0.5, e-mail rate limit off, ${os.cpus().length} cores, same run:\n`);
  console.log('| Temporal | ceiling | migration | ratio | worker peak RSS | largest history | tracker p95 (max) | invited once each |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const result of results) {
    console.log(
      `| ${engines[result.engine]} | ${result.ceiling.toFixed(1)} workflows/s | ${result.rate.toFixed(1)} users/s (${result.elapsed.toFixed(1)} s) | ${(result.rate / result.ceiling).toFixed(2)} | ${(result.peakRss / 1024 / 1024).toFixed(0)} MiB | ${result.maxHistory} events | ${result.tracker.p95.toFixed(1)} ms (${result.tracker.max.toFixed(1)}) | ${result.invitedOnce ? 'yes' : 'NO'} |`,
    );
  }
  console.log('\nCPU ms per item:');
  for (const result of results) console.log(`  ${result.engine}: per trivial workflow ${result.ceilingCpu}; per user ${result.cpuPerUser}`);
  if (results.some((result) => !result.invitedOnce)) process.exitCode = 1;
} finally {
  await disconnectMongo().catch(() => undefined);
  await mongod.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}

async function timed(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function inBatches(count: number, concurrency: number, run: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await run(next++);
    }),
  );
}
