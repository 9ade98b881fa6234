/**
 * `npm run bench:api -- [--users 10000] [--duration 30] [--registrations 500] [--smoke]`
 * Load figures, measured with autocannon, for the API paths people wait on, against the stack run
 * as production runs it: the API and the worker in processes of their own (api/main.ts,
 * worker/main.ts), the Temporal dev server, mongod, an SMTP receiver; e-mail rate limit off.
 * 1. registration accept (POST /api/public/invitations/:token/accept) by 10 concurrent users, each
 *    request with its own invitation: users onboarded before (POST /api/v1/onboardings/batch) whose
 *    lifecycles sent their invitations. Goal p95 < 400 ms. The argon2id hash alone is timed beside it.
 * 2. the admin users list at 20 requests/s on bench:admin's customer base of N users (session cookie,
 *    a sort and a page as the console sends them), then its search `q` at the same rate;
 * 3. the onboarding trigger (POST /api/v1/onboardings, API key) at 50 requests/s, one e-mail each.
 * /api/public's per-IP limit is raised: every simulated user comes from 127.0.0.1.
 * Prints p50/p95/p99, counts, failures, the achieved rate, the goal and whether it is met, and the
 * CPU each process spent per request; exits 1 when any request failed. --smoke: a quick run at a
 * small size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { hashPassword } from '../security/passwords.js';
import { embeddedMongoUrl, loadConfig } from '../config/env.js';
import { connectMongo, disconnectMongo, mongoServerVersion } from '../data/connect.js';
import { freePort, type ManagedChild } from '../embedded/child-process.js';
import { startMailbox } from '../dev-tools/mailbox.js';
import { invitationToken } from '../security/invitation-token.js';
import { countInvited, openInvitationIds } from '../test/harness/bench-data.js';
import { consoleList, searchTermList, seedCustomerBase, signInAdmin } from './customer-base.js';
import { closedLoad, pacedLoad, type LoadRequest } from './load.js';
import { loadTable, percentile, summarize, type LoadRow, type LoadRun, type Scenario } from './load-report.js';
import { person } from './people.js';
import { cpuMeter, onePid } from './process-cpu.js';
import { startApiProcess, startBenchMongod, startBenchTemporal, startWorkerProcess, waitFor } from './stack.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string' },
    registrations: { type: 'string' },
    'registration-users': { type: 'string', default: '10' },
    'onboarding-rate': { type: 'string', default: '50' },
    'admin-rate': { type: 'string', default: '20' },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke;
const users = Number(values.users ?? (smoke ? 2_000 : 10_000));
const seconds = Number(values.duration ?? (smoke ? 5 : 30));
const registrations = Number(values.registrations ?? (smoke ? 40 : 500));
const registrationUsers = Number(values['registration-users']);
const onboardingRate = Number(values['onboarding-rate']);
const adminRate = Number(values['admin-rate']);
if (
  ![users, seconds, registrations, registrationUsers, onboardingRate, adminRate].every((n) => Number.isInteger(n) && n >= 1) ||
  registrations < registrationUsers
) {
  console.error(
    'usage: npm run bench:api -- [--users N] [--duration SECONDS] [--registrations N >= registration users] [--registration-users 10] [--onboarding-rate 50] [--admin-rate 20] [--smoke]',
  );
  process.exit(2);
}

const ACCEPT_GOAL_MS = 400;
// bench:admin's goal for one request at a time; here it is held under load.
const ADMIN_GOAL_MS = 50;
const PASSWORD = 'bench password 2024';
const loadBefore = os.loadavg();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bench-api-'));
const benchStart = performance.now();
console.log(
  `bench:api: ${users} users, ${registrations} registrations, ${seconds} s per rate-driven run; load average before start ${loadBefore.map((n) => n.toFixed(2)).join(' ')}; scratch ${scratch}`,
);

const { mongod, port: mongoPort } = await startBenchMongod(scratch);
const temporal = await startBenchTemporal(path.join(scratch, 'temporal'));
const [smtpPort, mailboxWebPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
const mailbox = await startMailbox({ smtpPort, httpPort: mailboxWebPort, capacity: registrations + onboardingRate * seconds + 100 });
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  PORT: String(apiPort),
  MONGO_URL: embeddedMongoUrl(mongoPort, 'bench_api'),
  TEMPORAL_ADDRESS: temporal.address,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  EMAIL_RATE_PER_SECOND: '0',
  PUBLIC_RATE_LIMIT: '1000000',
  // The onboarding trigger runs at 50 requests/s with one key: over the default per-key limit.
  API_RATE_LIMIT: '1000000',
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
};
const config = loadConfig(env);
const base = `http://127.0.0.1:${apiPort}`;
let worker: ManagedChild | undefined;
let api: ManagedChild | undefined;

try {
  await connectMongo(config.mongoUrl);
  worker = startWorkerProcess(env);
  api = startApiProcess(env);
  const running = [api, worker];
  await waitFor(
    async () => {
      const stopped = running.find((child) => !child.running);
      if (stopped) throw new Error(`${stopped.options.name} exited:\n${stopped.recentOutput.join('\n')}`);
      return (await fetch(`${base}/readyz`).catch(() => null))?.ok ?? false;
    },
    180_000,
    'the API to be ready (/readyz)',
  );
  const meterOf = () =>
    cpuMeter({
      api: onePid(api!.process.pid),
      worker: onePid(worker!.process.pid),
      temporal: onePid(temporal.server.process.pid),
      mongod: onePid(mongod.process.pid),
    });

  // The customer base of bench:admin, then the users who will register: real lifecycles, invited.
  const { cookie, adminJson } = await signInAdmin(base, admin);
  const { key } = await adminJson<{ key: string }>('POST', '/api/admin/api-keys', { name: 'bench' });
  const integration = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const seeded = await seedCustomerBase({ base, adminJson, apiKey: key, users });
  const { tenantIds } = seeded;
  console.log(
    `customer base: ${users} users imported in ${seeded.importSeconds.toFixed(1)} s, ${seeded.advanced} moved on in ${seeded.advanceSeconds.toFixed(1)} s`,
  );
  const office = (i: number) => tenantIds[i % tenantIds.length]!;
  const newPerson = (i: number) => {
    const { name, email } = person(users + i);
    return { tenantId: office(i), name, email };
  };
  const inviteStart = performance.now();
  const invitees: string[] = [];
  for (let start = 0; start < registrations; start += 1_000) {
    const items = Array.from({ length: Math.min(1_000, registrations - start) }, (_, offset) => newPerson(start + offset));
    const response = await fetch(`${base}/api/v1/onboardings/batch`, { method: 'POST', headers: integration, body: JSON.stringify({ items }) });
    const { results } = (await response.json()) as { results: { status: number; onboarding?: { id: string } }[] };
    const refused = results.filter((result) => result.status !== 201);
    if (!response.ok || refused.length > 0) throw new Error(`onboarding the invitees: ${response.status} ${JSON.stringify(refused[0])}`);
    invitees.push(...results.map((result) => result.onboarding!.id));
  }
  await waitFor(
    async () => mailbox.messages.length >= registrations && (await countInvited(invitees)) === registrations,
    600_000,
    `${registrations} invitations`,
  );
  const tokens = (await openInvitationIds(invitees)).map((invitationId) => invitationToken(config.TOKEN_SECRET, invitationId));
  if (tokens.length !== registrations) throw new Error(`${tokens.length} open invitations for ${registrations} invitees`);
  console.log(`invitees: ${registrations} onboarded and invited in ${((performance.now() - inviteStart) / 1000).toFixed(1)} s`);

  // The hash alone, with the API's parameters, in this process while the stack is idle: wall time and CPU.
  const hashMs: number[] = [];
  const hashCpuStart = process.cpuUsage();
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await hashPassword(PASSWORD);
    hashMs.push(performance.now() - started);
  }
  const hashCpu = process.cpuUsage(hashCpuStart);
  const hashCpuMs = (hashCpu.user + hashCpu.system) / 1000 / hashMs.length;
  hashMs.sort((a, b) => a - b);
  const together = performance.now();
  await Promise.all(Array.from({ length: registrationUsers }, () => hashPassword(PASSWORD)));
  const togetherMs = performance.now() - together;

  const rows: LoadRow[] = [];
  const cpu = new Map<string, Record<string, number>>();
  const measure = async (scenario: Scenario, apply: () => Promise<LoadRun>) => {
    console.log(`${scenario.name} (${scenario.load})…`);
    const meter = meterOf();
    const row = summarize(scenario, await apply());
    rows.push(row);
    cpu.set(scenario.name, meter.perProcess(Math.max(1, row.requests)));
    return row;
  };

  // 1. Registration: every request takes the next invitation; a token is never sent twice.
  let nextToken = 0;
  const accept = await measure({ name: 'registration accept', load: `${registrationUsers} concurrent users`, p95GoalMs: ACCEPT_GOAL_MS }, () =>
    closedLoad({
      url: base,
      users: registrationUsers,
      amount: registrations,
      next: () => ({
        method: 'POST',
        path: `/api/public/invitations/${tokens[nextToken++ % tokens.length]}/accept`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: PASSWORD, passwordConfirmation: PASSWORD }),
      }),
    }),
  );

  // 2. The console's users list, sorts and pages in turn (the middle page is the dearest), then its search.
  const sorts: [string, 'ASC' | 'DESC'][] = [
    ['createdAt', 'DESC'],
    ['name', 'ASC'],
    ['name', 'DESC'],
  ];
  const page = (first: number): [number, number] => [Math.max(0, first), Math.max(0, first) + 24];
  const pages = [page(0), page(25), page(1_000), page(Math.floor(users / 2) - 25), page(users - 1_025)];
  const adminGet = (url: string): LoadRequest => ({ method: 'GET', path: url, headers: { cookie, accept: 'application/json' } });
  let listed = 0;
  await measure({ name: 'admin users list, sort + page', load: `${adminRate} requests/s`, targetRate: adminRate, p95GoalMs: ADMIN_GOAL_MS }, () =>
    pacedLoad({
      url: base,
      rate: adminRate,
      seconds,
      next: () => {
        const i = listed++;
        return adminGet(consoleList('users', sorts[i % sorts.length]!, pages[Math.floor(i / sorts.length) % pages.length]!));
      },
    }),
  );
  let searched = 0;
  await measure(
    { name: `admin users search q (${searchTermList.length} terms)`, load: `${adminRate} requests/s`, targetRate: adminRate, p95GoalMs: ADMIN_GOAL_MS },
    () =>
      pacedLoad({
        url: base,
        rate: adminRate,
        seconds,
        next: () => {
          const i = searched++;
          return adminGet(consoleList('users', sorts[i % 2]!, [0, 24], { q: searchTermList[i % searchTermList.length] }));
        },
      }),
  );

  // 3. Onboarding triggers, each a new person; the worker sends their invitations meanwhile.
  let onboarded = 0;
  await measure({ name: 'onboarding trigger', load: `${onboardingRate} requests/s`, targetRate: onboardingRate }, () =>
    pacedLoad({
      url: base,
      rate: onboardingRate,
      seconds,
      next: () => ({ method: 'POST', path: '/api/v1/onboardings', headers: integration, body: JSON.stringify(newPerson(registrations + onboarded++)) }),
    }),
  );

  const engine = `mongod ${await mongoServerVersion()}`;
  console.log();
  console.log(
    `API load at ${users.toLocaleString('en')} users, autocannon 9, ${engine}, Temporal dev server, ${os.cpus().length} CPUs, Node ${process.versions.node}; load average before start ${loadBefore.map((n) => n.toFixed(2)).join(' ')}, now ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log(`command: npm run bench:api -- ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log();
  for (const line of loadTable(rows)) console.log(line);
  console.log();
  const hashP50 = percentile(hashMs, 0.5);
  console.log(
    `argon2id alone (security/passwords.ts parameters): p50 ${hashP50.toFixed(1)} ms (${hashCpuMs.toFixed(1)} ms CPU) one at a time, ${togetherMs.toFixed(0)} ms for ${registrationUsers} at once; registration accept p95 = ${(accept.p95 / hashP50).toFixed(1)} × one hash`,
  );
  // What one registration costs the stack: on cores every process shares, this bounds the rate.
  const { bench: _bench, ...acceptCpu } = cpu.get(accept.scenario.name)!;
  const acceptCpuMs = Object.values(acceptCpu).reduce((sum, ms) => sum + ms, 0);
  console.log(
    `a registration costs ${acceptCpuMs.toFixed(1)} ms CPU across ${Object.keys(acceptCpu).join(', ')}, the hash ${((100 * hashCpuMs) / acceptCpuMs).toFixed(0)} % of it: at most ${((os.cpus().length * 1000) / acceptCpuMs).toFixed(0)} registrations/s on ${os.cpus().length} cores`,
  );
  console.log(
    `registration accept p95 at ${registrationUsers} concurrent users: ${accept.p95.toFixed(1)} ms; goal < ${ACCEPT_GOAL_MS} ms: ${accept.p95 < ACCEPT_GOAL_MS ? 'met' : 'NOT met'}`,
  );
  console.log('CPU ms per request, by process:');
  for (const [name, byProcess] of cpu)
    console.log(
      `  ${name}: ${Object.entries(byProcess)
        .map(([process, ms]) => `${process} ${ms.toFixed(1)}`)
        .join(', ')}`,
    );
  console.log(`bench run time: ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
  const failed = rows.filter((row) => row.failed > 0);
  if (failed.length > 0) {
    console.log(`\nFAILED: requests failed in ${failed.map((row) => `${row.scenario.name} (${row.failures.join(', ')})`).join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await api?.stop();
  await worker?.stop();
  await disconnectMongo().catch(() => undefined);
  await mailbox.close();
  await temporal.server.stop();
  await mongod.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
