import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../config/durations.js';
import { startProductionShape, type ProductionShape } from '../../dev-tools/production-shape/shape.js';
import { apiClient, type ApiClient } from '../harness/api-client.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, importMigration, lifecyclesAtRest, tallyInvitations, type MigrationRun } from '../harness/migration-run.js';
import { expectEveryoneInvitedOnce, printOutcomes, serviceRecords, type FaultOutcome, type ServiceRecords } from './outcome.js';
import { killWorkersDuringMigration } from './worker-kills.js';

/**
 * The fault suite (`npm run test:faults`): the production shape (Temporal 1.29.1 on PostgreSQL 15,
 * mongod as a replica set, a real SMTP receiver, API and worker processes from dist/ with
 * NODE_ENV=production) with one part failing at a time while users are being invited. After each:
 * nobody lost, nobody created twice, one distinct invitation Message-ID per user, and the copies of
 * a Message-ID delivered twice counted and held against what the service recorded as in doubt.
 */
/**
 * A migration just long enough for 100 kills to fall while invitations are going out (one every
 * two or three invitations): the kills, not the users, are what the scenario is about, and a
 * longer migration only made CI slower (2,000 users took 310 s, 600 took 195 s on an idle machine
 * and 478 s beside npm test).
 */
const KILLED_MIGRATION_USERS = 300;
const WORKER_KILLS = 100;
/**
 * Each kill may duplicate only the killed worker's messages inside their window (at most its five
 * SMTP connections' worth): how many kills land there is chance, 5 to 22 in 100 in the runs so far
 * (docs/benchmarks.md "Fault runs"), so the bound is twice the worst. The exact claim is the other one: every
 * copy beyond the first is a resend the service recorded as in doubt.
 */
const MAX_DUPLICATES_FROM_KILLS = 40;
/** An outage's migration: a quarter out when it starts, the rest in flight through it (200 took CI 30 s more each). */
const OUTAGE_MIGRATION_USERS = 100;
const BATCH_ITEMS = 300;
/** FAULTS_SMTP_OUTAGE shortens the outage for a quick local run; the suite's is the 60 s. */
const SMTP_OUTAGE_MS = parseDuration(process.env.FAULTS_SMTP_OUTAGE ?? '60s') ?? 60_000;

let shape: ProductionShape;
let v1: ApiClient[];
let connection: Connection;
let temporal: Client;
let records: ServiceRecords;
const outcomes: FaultOutcome[] = [];

beforeAll(async () => {
  shape = await startProductionShape({
    // Five workers: the kills go to a worker that is up, so how fast they can come is how many
    // workers there are over how long one takes to start again (three made the kills wait for
    // restarts); one or two restarting still leaves work somewhere to go.
    workers: 5,
    env: {
      // Reminders and expiry far away: every e-mail counted is an invitation.
      REMINDER_SCHEDULE: '30m',
      INVITE_TTL: '2h',
      REMINDER_SPREAD: '0',
      EMAIL_RATE_PER_SECOND: '0',
      // A retry after the API process died waits this long for the dead holder's key.
      IDEMPOTENCY_LEASE: '5s',
    },
  });
  const key = await shape.createApiKey('fault suite');
  v1 = shape.apis.map((api) => apiClient(api.url, { headers: { authorization: `Bearer ${key}` } }));
  connection = await Connection.connect({ address: shape.temporal.address });
  temporal = new Client({ connection, namespace: shape.temporal.namespace });
  records = serviceRecords(shape.mongoUrl);
});

afterAll(async () => {
  printOutcomes(outcomes);
  await records?.close();
  await connection?.close();
  await shape?.stop();
});

const migrationDeps = () => ({ messages: shape.mailbox.messages, temporal });

/** Waits for the migration to finish and settle, checks the claims, and keeps the figures. */
async function settle(run: MigrationRun, scenario: string, faults: string, startedAt: number) {
  const since = () => ((Date.now() - startedAt) / 1000).toFixed(1);
  const faultsOver = since();
  await run.completed(v1[1]!, 600_000);
  const completed = since();
  await run.quiet(180_000);
  await shape.mailbox.allRead();
  const timeline = `faults over at ${faultsOver} s, migration completed at ${completed} s, at rest at ${since()} s`;
  const received = run.invitations();
  const figures = await expectEveryoneInvitedOnce(records, { tenantId: run.tenant.id, emails: run.rows.map((row) => row.email), received, tally: run.tally() });
  const outcome = { scenario, faults, ...figures, seconds: (Date.now() - startedAt) / 1000, timeline };
  outcomes.push(outcome);
  return outcome;
}

/** Starts a migration of `users` and returns once a quarter of its invitations are out: the fault's moment. */
async function migrationUnderWay(users: number) {
  const run = await importMigration(v1[0]!, users, migrationDeps());
  await run.start();
  await eventually(() => expect(run.distinctInvitations()).toBeGreaterThanOrEqual(users / 4), { timeoutMs: 240_000, intervalMs: 50 });
  return run;
}

describe('the fault suite', () => {
  it(`${WORKER_KILLS} worker SIGKILLs during a migration of ${KILLED_MIGRATION_USERS} users`, async () => {
    const startedAt = Date.now();
    const run = await importMigration(v1[0]!, KILLED_MIGRATION_USERS, migrationDeps());
    await run.start();
    const kills = await killWorkersDuringMigration({
      workers: shape.workers,
      kills: WORKER_KILLS,
      total: KILLED_MIGRATION_USERS,
      invitationsOut: run.distinctInvitations,
      stallTimeoutMs: 180_000,
      jitterMs: 500,
    });
    // Every kill fell while invitations were still going out: the work was in flight.
    expect(kills).toHaveLength(WORKER_KILLS);
    expect(kills.filter((kill) => kill.invitationsOut >= KILLED_MIGRATION_USERS)).toEqual([]);
    const killSeconds = (kills.at(-1)!.at - kills[0]!.at) / 1000;

    const outcome = await settle(
      run,
      'worker kills',
      `${kills.length} worker SIGKILLs over ${killSeconds.toFixed(1)} s (at ${kills[0]!.invitationsOut} to ${kills.at(-1)!.invitationsOut} invitations out), each restarted at once`,
      startedAt,
    );
    // Each repeated Message-ID against the kills: how far its first copy was from the nearest kill
    // (before it too: a message whose last byte was on the wire when its sender died still arrives).
    const firstCopies = new Map<string, number>();
    const copies = new Map<string, number>();
    for (const message of run.invitations()) {
      if (!firstCopies.has(message.messageId)) firstCopies.set(message.messageId, Date.parse(message.receivedAt));
      copies.set(message.messageId, (copies.get(message.messageId) ?? 0) + 1);
    }
    const nearestKill = [...copies]
      .filter(([, count]) => count > 1)
      .map(([messageId]) => Math.min(...kills.map((kill) => Math.abs(kill.at - firstCopies.get(messageId)!))));
    if (nearestKill.length > 0) outcome.faults += `; the first copy of each repeated Message-ID came ${Math.max(...nearestKill)} ms or less from a kill`;
    expect(outcome.duplicateDeliveries).toBeLessThanOrEqual(MAX_DUPLICATES_FROM_KILLS);
  });

  it(`an SMTP outage of ${SMTP_OUTAGE_MS / 1000} s mid-migration: the sends retry and complete`, async () => {
    const startedAt = Date.now();
    const run = await migrationUnderWay(OUTAGE_MIGRATION_USERS);
    const sessionsCut = await shape.mailbox.stopSmtp();
    // Messages taken (250) before the stop are counted once read; none can arrive after it.
    await shape.mailbox.allRead();
    const atStop = run.distinctInvitations();
    // Not a timing claim: the outage lasts as long as the issue says, then the receiver is back,
    // whatever happens meanwhile (the later scenarios need it).
    let duringOutage: number;
    try {
      await sleep(SMTP_OUTAGE_MS);
      duringOutage = run.distinctInvitations();
    } finally {
      await shape.mailbox.startSmtp();
    }
    expect(duringOutage).toBe(atStop);

    const outcome = await settle(
      run,
      'SMTP outage',
      `SMTP receiver stopped for ${SMTP_OUTAGE_MS / 1000} s at ${atStop} invitations out (${sessionsCut} open sessions cut)`,
      startedAt,
    );
    expect(atStop).toBeLessThan(OUTAGE_MIGRATION_USERS);
    // Only a session cut after the receiver took its message and before the worker heard the 250 can repeat it.
    expect(outcome.duplicateDeliveries).toBeLessThanOrEqual(sessionsCut);
  });

  it('a MongoDB restart mid-migration', async () => {
    const startedAt = Date.now();
    const run = await migrationUnderWay(OUTAGE_MIGRATION_USERS);
    const atRestart = run.distinctInvitations();
    await shape.mongod.restart();
    const outcome = await settle(run, 'MongoDB restart', `mongod stopped and started again at ${atRestart} invitations out`, startedAt);
    expect(atRestart).toBeLessThan(OUTAGE_MIGRATION_USERS);
    // No process died mid-send: a send whose record could not be written is recorded once MongoDB is back, not repeated.
    expect(outcome.duplicateDeliveries).toBe(0);
  });

  it('a Temporal server restart mid-migration', async () => {
    const startedAt = Date.now();
    const run = await migrationUnderWay(OUTAGE_MIGRATION_USERS);
    const atRestart = run.distinctInvitations();
    await shape.temporal.restart();
    const outcome = await settle(run, 'Temporal restart', `Temporal server stopped and started again at ${atRestart} invitations out`, startedAt);
    expect(atRestart).toBeLessThan(OUTAGE_MIGRATION_USERS);
    expect(outcome.duplicateDeliveries).toBe(0);
  });

  it(`an API process SIGKILLed during POST /api/v1/onboardings/batch (${BATCH_ITEMS} items), retried with the same Idempotency-Key`, async () => {
    const startedAt = Date.now();
    const [first, second] = v1 as [ApiClient, ApiClient];
    const api = shape.apis[0]!;
    const tenant = await createTenant(first, 'essential');
    const domain = `b${randomUUID().slice(0, 6)}.office.test`;
    const items = Array.from({ length: BATCH_ITEMS }, (_, index) => ({
      tenantId: tenant.id,
      name: `Batch Person ${index + 1}`,
      email: `batch-${index + 1}@${domain}`,
      externalId: `erp-${index + 1}`,
    }));
    const emails = items.map((item) => item.email);
    const headers = { 'idempotency-key': `batch-${randomUUID()}` };

    const interrupted = first.post('/api/v1/onboardings/batch', { items }, headers).then(
      (answer) => answer,
      (error: Error) => error,
    );
    await eventually(async () => expect((await records.users(tenant.id)).length).toBeGreaterThanOrEqual(BATCH_ITEMS / 4), {
      timeoutMs: 120_000,
      intervalMs: 20,
    });
    await api.kill();
    const createdAtKill = (await records.users(tenant.id)).length;
    expect(createdAtKill).toBeLessThan(BATCH_ITEMS);
    expect(await interrupted).toBeInstanceOf(Error);
    const restarted = api.start();

    // The client retries with the same key through the other API process: "in progress" while the
    // dead holder's lease runs, then the whole answer.
    let inProgressAnswers = 0;
    const retried = await eventually(
      async () => {
        const answer = await second.post('/api/v1/onboardings/batch', { items }, headers);
        if (answer.status === 409) inProgressAnswers++;
        expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
        return answer;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const results = retried.body.results as { index: number; status: number; onboarding: { id: string } }[];
    expect(results.filter((result) => result.status !== 200 && result.status !== 201)).toEqual([]);
    expect(new Set(results.map((result) => result.onboarding.id)).size).toBe(BATCH_ITEMS);
    const found = results.filter((result) => result.status === 200).length;
    expect(found).toBeGreaterThanOrEqual(createdAtKill);
    // A further retry, on the restarted process, gets the stored answer.
    await restarted;
    const again = await first.post('/api/v1/onboardings/batch', { items }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(retried.body);

    const invitations = () => shape.mailbox.messages.filter((message) => message.to.some((to) => to.endsWith(`@${domain}`)));
    await eventually(() => expect(tallyInvitations(invitations(), emails).missing).toEqual([]), { timeoutMs: 300_000, intervalMs: 1_000 });
    await lifecyclesAtRest(temporal, tenant.id, BATCH_ITEMS, 180_000);
    await shape.mailbox.allRead();
    const received = invitations();
    const figures = await expectEveryoneInvitedOnce(records, { tenantId: tenant.id, emails, received, tally: tallyInvitations(received, emails) });
    outcomes.push({
      scenario: 'API kill during a batch',
      faults: `api-1 SIGKILLed with ${createdAtKill} of ${BATCH_ITEMS} users created; the retry got ${inProgressAnswers} "in progress" answers, then 200 (${found} found, ${BATCH_ITEMS - found} created)`,
      ...figures,
      seconds: (Date.now() - startedAt) / 1000,
    });
    expect(figures.duplicateDeliveries).toBe(0);
  });
});
