/**
 * `npm run bench:migration -- --users N`
 * Users per second from pressing "Update accounts" to "invited, e-mail accepted by the SMTP
 * receiver", next to the rate at which the same Temporal server, in the same run, completes
 * trivial workflows that run one activity (the ceiling). Also the worker's peak RSS and the
 * largest history length seen. Everything runs on this machine; e-mail rate limit off.
 * Diagnostics: BENCH_WORKER_OUTPUT=1 shows the worker's log, BENCH_WORKER_NODE_OPTIONS passes
 * flags to its node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_SHOW_HISTORY=1 prints
 * one lifecycle's history.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Types } from 'mongoose';
import { startMigration } from '../api/migrations/run.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { TenantModel, UserModel, WorkerHeartbeatModel } from '../data/models/index.js';
import { freePort, ManagedChild } from '../embedded/child-process.js';
import { startMailbox } from '../embedded/mailbox.js';
import { startMongod } from '../embedded/mongod.js';
import { startTemporalServer } from '../embedded/temporal-server.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '2000' }, probes: { type: 'string' } } });
const users = Number(values.users);
const probes = Number(values.probes ?? Math.min(users, 2_000));
const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-'));
const tool = (name: string, fallback: string) => path.resolve(root, process.env[name] ?? fallback);

const [temporalPort, mongoPort, smtpPort, webPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
console.log(`bench: ${users} users, ${probes} probe workflows, scratch ${scratch}`);
const temporal = await startTemporalServer({ cliPath: tool('TEMPORAL_CLI_PATH', '.tools/bin/temporal'), port: temporalPort, dbFile: path.join(scratch, 'temporal.db'), output: 'quiet' });
const mongod = await startMongod({ binaryPath: tool('MONGOD_PATH', '.tools/mongodb/mongod'), port: mongoPort, dataDir: path.join(scratch, 'mongodb'), output: 'quiet' });
const mailbox = await startMailbox({ smtpPort, httpPort: webPort, capacity: users + 100 });

const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
  MONGO_URL: embeddedMongoUrl(mongoPort, 'bench'),
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  TEMPORAL_TASK_QUEUE: 'bench-activation',
  EMAIL_RATE_PER_SECOND: '0',
  REMINDER_SCHEDULE: '1d,3d',
  INVITE_TTL: '7d',
};
const config = loadConfig(env);
const connection = await Connection.connect({ address: config.temporalAddress });
const client = new Client({ connection });

try {
  // 1. The ceiling: trivial workflows with one activity, on the same server.
  const probeWorker = await Worker.create({
    connection: await NativeConnection.connect({ address: config.temporalAddress }),
    taskQueue: 'bench-probe',
    workflowsPath: fileURLToPath(new URL('./probe.ts', import.meta.url)),
    activities: { probeActivity: async () => undefined },
  });
  const probeRun = probeWorker.run();
  const ceilingCpu = cpuMeter({ temporal: temporal.process.pid, mongod: mongod.process.pid });
  const ceiling = await timed(async () => {
    await inBatches(probes, 200, (i) => client.workflow.execute('probeWorkflow', { taskQueue: 'bench-probe', workflowId: `probe-${i}` }));
  });
  probeWorker.shutdown();
  await probeRun;
  const ceilingRate = probes / ceiling;
  console.log(`ceiling: ${probes} trivial workflows in ${ceiling.toFixed(1)} s = ${ceilingRate.toFixed(1)} /s`);
  console.log(`  CPU ms per workflow: ${ceilingCpu.per(probes)}`);

  // 2. The migration, with the real worker as its own process.
  await connectMongo(config.mongoUrl);
  const tenant = await TenantModel.create({ name: 'Bench Office', nameLower: 'bench office', plan: 'plus', requiresLoginLink: true });
  const docs = Array.from({ length: users }, (_, i) => ({
    _id: new Types.ObjectId(),
    tenantId: tenant._id,
    code: i + 1,
    name: `User ${i + 1}`,
    nameLower: `user ${i + 1}`,
    legacyUsername: `user${i + 1}`,
    proposedEmail: `user${i + 1}@bench.test`,
    role: i === 0 ? 'supervisor' : 'member',
    locale: 'pt-BR',
    status: 'staged',
    statusChangedAt: new Date(),
  }));
  for (let i = 0; i < docs.length; i += 1_000) await UserModel.insertMany(docs.slice(i, i + 1_000));

  const worker = new ManagedChild({ name: 'worker', command: process.execPath, args: [...(process.env.BENCH_WORKER_NODE_OPTIONS?.split(' ') ?? []), '--import', 'tsx', path.join(root, 'worker/main.ts')], env, output: process.env.BENCH_WORKER_OUTPUT ? 'prefixed' : 'quiet' });
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${worker.process.pid}/status`, 'utf8');
      peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // not started yet, or gone
    }
  }, 500);
  await waitFor(async () => (await WorkerHeartbeatModel.countDocuments({})) > 0, 60_000);

  const migrationCpu = cpuMeter({ temporal: temporal.process.pid, mongod: mongod.process.pid, worker: worker.process.pid });
  const elapsed = await timed(async () => {
    await startMigration({ temporal: client, config }, { tenantId: String(tenant._id), actingUserId: String(docs[0]!._id), actor: { type: 'system', id: 'bench', label: 'bench' }, locale: 'en' });
    await waitFor(async () => mailbox.messages.length >= users, 3_600_000);
  });
  process.stdout.write('\n');
  clearInterval(rssTimer);
  const rate = users / elapsed;
  const cpuPerUser = migrationCpu.per(users);

  let maxHistory = 0;
  for await (const execution of client.workflow.list({ query: `TaskQueue="${config.TEMPORAL_TASK_QUEUE}"` })) maxHistory = Math.max(maxHistory, execution.historyLength ?? 0);
  if (process.env.BENCH_SHOW_HISTORY) {
    const history = await client.workflow.getHandle(`user-activation-${String(docs[1]!._id)}`).fetchHistory();
    console.log(history.events?.map((event) => `${event.eventId} ${Object.keys(event).find((key) => key.endsWith('Attributes'))}`).join('\n'));
  }
  await worker.stop();

  console.log(`migration: ${users} users invited in ${elapsed.toFixed(1)} s = ${rate.toFixed(1)} users/s`);
  console.log(`  CPU ms per user: ${cpuPerUser}`);
  console.log(`ratio to ceiling: ${(rate / ceilingRate).toFixed(2)} (goal >= 0.7)`);
  console.log(`worker peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB; largest history: ${maxHistory} events`);
} finally {
  await disconnectMongo().catch(() => undefined);
  await connection.close();
  await mailbox.close();
  await Promise.all([temporal.stop(), mongod.stop()]);
  fs.rmSync(scratch, { recursive: true, force: true });
}

/**
 * CPU time spent by each process (and this one, which hosts the probe worker) since the meter was
 * made: where a slower rate goes on a machine whose cores every process shares.
 */
function cpuMeter(pids: Record<string, number | undefined>) {
  const ticks = (pid: number | undefined) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks a second
    } catch {
      return 0;
    }
  };
  const self = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ticks(pid)]));
  const selfStart = self();
  return {
    per(count: number) {
      const parts = Object.entries(pids).map(([name, pid]) => `${name} ${((ticks(pid) - start[name]!) / count).toFixed(1)}`);
      return [...parts, `bench ${((self() - selfStart) / count).toFixed(1)}`].join(', ');
    },
  };
}

async function timed(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function inBatches(count: number, concurrency: number, run: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await run(next++);
  }));
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, onTick?: () => void) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    onTick?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
