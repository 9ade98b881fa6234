import { randomUUID } from 'node:crypto';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationActivities } from '../../activities/migration.js';
import { asApiError } from '../../api/errors.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/actor.js';
import { setExcluded } from '../../use-cases/migrations/exclude-user.js';
import { importUsers } from '../../use-cases/migrations/import-users.js';
import { userListWhere } from '../../data/users.js';
import { fixProposedEmail } from '../../use-cases/migrations/fix-proposed-email.js';
import { reviewTenant } from '../../use-cases/migrations/review-tenant.js';
import { cancelMigration } from '../../use-cases/migrations/cancel-migration.js';
import { migrationProgress } from '../../use-cases/migrations/migration-progress.js';
import { startMigration, type MigrationDeps } from '../../use-cases/migrations/start-migration.js';
import { EmailLogModel, MigrationModel, UserModel } from '../../data/models/index.js';
import { lifecycleClient } from '../../temporal/lifecycle-client.js';
import { workflowIdForUser, type UserActivationInput } from '../../domain/lifecycle.js';
import { connectTestMongo, connectTestTemporal, startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createStagedUser, createTenant } from '../harness/fixtures.js';
import { messagesTo } from '../harness/mailbox-client.js';
import { spawnWorkerProcess } from '../harness/worker-process.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h' });
const actor: Actor = { type: 'admin', id: 'test-admin', label: 'Test Admin' };
let deps: MigrationDeps;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const mongo = await connectTestMongo(config);
  const temporal = await connectTestTemporal(config);
  deps = { temporal: temporal.client, config };
  cleanups.push(() => temporal.connection.close(), mongo.disconnect);
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A tenant with supervisors (codes 2 and 5), a member (code 1) and `extra` more staged members. */
async function officeWithUsers(extra = 0) {
  const tenant = await createTenant('plus');
  const member = await createStagedUser(tenant, { code: 1, name: 'Ana Member' });
  const lowest = await createStagedUser(tenant, { code: 2, name: 'Bia Supervisor', role: 'supervisor' });
  const other = await createStagedUser(tenant, { code: 5, name: 'Caio Supervisor', role: 'supervisor' });
  for (let code = 10; code < 10 + extra; code++) await createStagedUser(tenant, { code });
  return { tenant, tenantId: String(tenant._id), member, lowest, other };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The input a lifecycle was started with, as its first history event holds it. */
async function lifecycleInput(userId: string): Promise<UserActivationInput> {
  const history = await deps.temporal.workflow.getHandle(workflowIdForUser(userId)).fetchHistory();
  const [payload] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  return defaultPayloadConverter.fromPayload<UserActivationInput>(payload as Payload);
}

const waitForCompletion = (migrationId: string, timeoutMs = 60_000) =>
  eventually(
    async () => {
      const progress = await migrationProgress(PLATFORM_SCOPE, migrationId);
      expect(progress.status).not.toBe('running');
      expect(progress.invited).toBe(progress.started);
      return progress;
    },
    { timeoutMs, intervalMs: 250 },
  );

describe('accountsMigration', () => {
  describe('with a worker in this process', () => {
    let worker: Awaited<ReturnType<typeof startTestWorker>>;
    beforeAll(async () => {
      worker = await startTestWorker(config);
    });
    afterAll(async () => worker.stop());

    it('refuses everyone but the supervisor with the lowest code, naming who must do it', async () => {
      const { tenantId, member, other } = await officeWithUsers();
      for (const acting of [member, other]) {
        const error = await refusal(startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(acting._id), actor, locale: 'en' }));
        expect(asApiError(error)?.status).toBe(403);
        expect(error.code).toBe('CLIENT_INELIGIBLE');
        expect(error.message).toContain('Client ineligible or user not qualified for account update');
        expect(error.message).toContain('Bia Supervisor (code 2)');
      }
      const inPortuguese = await refusal(startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(member._id), actor, locale: 'pt-BR' }));
      expect(inPortuguese.message).toContain('Cliente Inelegível ou usuário não qualificado para a atualização de contas');
      expect(await UserModel.countDocuments({ tenantId, status: { $ne: 'staged' } })).toBe(0);
    });

    it('leaves staged, with the reason, a user whose e-mail someone took after the review', async () => {
      const { tenant, lowest } = await officeWithUsers();
      const late = await createStagedUser(tenant, { code: 30, name: 'Late Comer', proposedEmail: `late-${randomUUID().slice(0, 8)}@office.test` });
      const migrationId = randomUUID();
      const activities = migrationActivities({
        lifecycle: lifecycleClient(deps.temporal, config),
        webhooks: { temporal: deps.temporal, taskQueue: config.TEMPORAL_TASK_QUEUE },
      });
      const { total } = (await new MockActivityEnvironment().run(activities.freezeMigrationList, { migrationId, tenantId: String(tenant._id) })) as {
        total: number;
      };
      // Between the review and the page, another tenant's user gets the same login.
      const rival = await createTenant('essential');
      await UserModel.create({
        tenantId: rival._id,
        code: 1,
        name: 'Rival',
        nameLower: 'rival',
        email: late.proposedEmail,
        role: 'member',
        locale: 'en',
        status: 'active',
        statusChangedAt: new Date(),
      });

      const page = await new MockActivityEnvironment().run(activities.startMigrationPage, {
        migrationId,
        tenantId: String(tenant._id),
        tenantLabel: tenant.name,
        cursor: null,
        limit: 200,
      });
      expect(total).toBe(4);
      expect(page).toMatchObject({ started: 3, failed: 1, done: true });
      const after = await UserModel.findById(late._id).lean();
      expect(after).toMatchObject({ status: 'staged', lastEmailError: `login e-mail ${late.proposedEmail} is already in use` });
      expect(after?.email ?? null).toBeNull();
      expect((await UserModel.findById(lowest._id).lean())?.email).toBe(lowest.proposedEmail);
    });

    it("derives the search keys of an import's users as the run takes them: the users list finds them from then on", async () => {
      const tenant = await createTenant('plus');
      const token = `kw${randomUUID().slice(0, 6)}`;
      const rows = [1, 2, 3].map((code) => ({
        code,
        name: `Zuleica ${token} ${code}`,
        email: `${token}.${code}@office.test`,
        role: code === 1 ? 'supervisor' : 'member',
      }));
      expect(await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: false, actor })).toMatchObject({ created: 3 });
      const found = async (q: string) =>
        (
          await UserModel.find(userListWhere(PLATFORM_SCOPE, { q, tenantId: String(tenant._id) }), { code: 1 })
            .sort({ code: 1 })
            .lean()
        ).map((user) => user.code);
      // Staged without keys (the review's own search finds them): not in the users list's search yet.
      expect([await found(token), await found(`${token}.2`)]).toEqual([[], []]);

      const activities = migrationActivities({
        lifecycle: lifecycleClient(deps.temporal, config),
        webhooks: { temporal: deps.temporal, taskQueue: config.TEMPORAL_TASK_QUEUE },
      });
      const environment = new MockActivityEnvironment();
      const heartbeats: unknown[] = [];
      environment.on('heartbeat', (details: unknown) => heartbeats.push(details));
      const freeze = { migrationId: randomUUID(), tenantId: String(tenant._id) };
      expect(await environment.run(activities.freezeMigrationList, freeze)).toEqual({ total: 3 });
      expect([await found(token), await found(`zuleica ${token} 3`), await found(`${token}.2`)]).toEqual([[1, 2, 3], [3], [2]]);
      // Taken, then keyed, each reported to Temporal; a retried freeze takes and derives nothing again.
      expect(heartbeats).toEqual([3, 3]);
      expect(await environment.run(activities.freezeMigrationList, freeze)).toEqual({ total: 3 });
      expect(heartbeats).toEqual([3, 3]);
    });

    it('blocks on duplicated, missing or invalid e-mails with the list, and starts once they are fixed or excluded', async () => {
      const { tenant, tenantId, lowest } = await officeWithUsers();
      const twinA = await createStagedUser(tenant, { code: 20, name: 'Twin A', proposedEmail: 'twin@office.test' });
      await createStagedUser(tenant, { code: 21, name: 'Twin B', proposedEmail: 'TWIN@office.test' });
      const missing = await createStagedUser(tenant, { code: 22, name: 'No Mail', proposedEmail: null });

      const error = await refusal(startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' }));
      expect(asApiError(error)?.status).toBe(422);
      expect(error.code).toBe('MIGRATION_BLOCKED');
      expect(error.fields.map((field) => field.message)).toEqual([
        'Twin A (code 20): duplicateInTenant',
        'Twin B (code 21): duplicateInTenant',
        'No Mail (code 22): missing',
      ]);

      await fixProposedEmail(PLATFORM_SCOPE, tenantId, String(twinA._id), 'twin.a@office.test', actor);
      await setExcluded(PLATFORM_SCOPE, tenantId, String(missing._id), true, actor);
      const review = await reviewTenant(PLATFORM_SCOPE, tenantId);
      expect(review.filter((row) => row.problems.length > 0)).toEqual([]);
      expect(review.find((row) => row.id === String(missing._id))?.status).toBe('inactive');

      const { migrationId } = await startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' });
      const progress = await waitForCompletion(migrationId);
      expect(progress).toMatchObject({ status: 'completed', total: 5, started: 5, failed: 0, invited: 5 });
      expect((await UserModel.findById(missing._id).lean())?.status).toBe('inactive');
      expect(await messagesTo('twin.a@office.test')).toHaveLength(1);

      // A second press finds nothing left, and sends nothing.
      const again = await refusal(startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' }));
      expect(again.code).toBe('NOTHING_TO_MIGRATE');
      expect(await EmailLogModel.countDocuments({ tenantId })).toBe(5);
    });

    it('starts one run when "Update accounts" is pressed several times at once', async () => {
      const { tenantId, lowest } = await officeWithUsers();
      const starts = await Promise.all(
        Array.from({ length: 5 }, () => startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' })),
      );
      expect(new Set(starts.map((start) => start.migrationId)).size).toBe(1);
      expect(starts.filter((start) => !start.alreadyRunning)).toHaveLength(1);
      expect(await MigrationModel.countDocuments({ tenantId })).toBe(1);
      const progress = await waitForCompletion(starts[0]!.migrationId);
      expect(progress).toMatchObject({ status: 'completed', total: 3, invited: 3 });
      expect(await EmailLogModel.countDocuments({ tenantId })).toBe(3);
    });

    it('can be cancelled: no new starts, the started lifecycles go on', async () => {
      const { tenantId, lowest } = await officeWithUsers(60);
      const { migrationId } = await startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' });
      await cancelMigration(deps, PLATFORM_SCOPE, migrationId, actor);
      const progress = await waitForCompletion(migrationId);
      expect(progress.status).toBe('cancelled');
      expect(progress.started).toBeLessThan(63);
      expect(await UserModel.countDocuments({ tenantId, status: 'staged' })).toBe(63 - progress.started);
    });
  });

  describe('with the API and the worker configured differently', () => {
    // Same task queue and database as the API's `config`, other lifecycle timings.
    const workerConfig = testConfig({
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      MONGO_URL: config.mongoUrl,
      REMINDER_SCHEDULE: '30m',
      INVITE_TTL: '5h',
      SYNC_DELAY: '45m',
    });
    let worker: Awaited<ReturnType<typeof startTestWorker>>;
    beforeAll(async () => {
      worker = await startTestWorker(workerConfig);
    });
    afterAll(async () => worker.stop());

    it("every lifecycle of a run follows the policy the run was started with, not the worker's", async () => {
      expect(workerConfig.lifecycle).not.toEqual(config.lifecycle);
      const { tenantId, lowest } = await officeWithUsers(3);
      const { migrationId } = await startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' });
      expect(await waitForCompletion(migrationId)).toMatchObject({ status: 'completed', invited: 6 });

      const users = await UserModel.find({ tenantId }, { invitedAt: 1, invitationExpiresAt: 1 }).lean();
      expect(users).toHaveLength(6);
      for (const user of users) {
        expect(user.invitationExpiresAt!.getTime() - user.invitedAt!.getTime()).toBe(config.lifecycle.invitationTtlMs);
        const { policy } = await lifecycleInput(String(user._id));
        expect(policy).toEqual(config.lifecycle);
      }
    });
  });

  // 300 users: two pages of the migration (200 each), the worker killed inside the first.
  it('survives a worker killed in the middle of a 300-user migration: one invitation per user', async () => {
    const { tenant, tenantId, lowest } = await officeWithUsers(297);
    let worker = spawnWorkerProcess(config);
    try {
      const { migrationId } = await startMigration(deps, PLATFORM_SCOPE, { tenantId, actingUserId: String(lowest._id), actor, locale: 'en' });
      await eventually(async () => expect(await EmailLogModel.countDocuments({ tenantId, status: 'sent' })).toBeGreaterThanOrEqual(25), {
        timeoutMs: 180_000,
        intervalMs: 50,
      });
      await worker.kill();
      worker = spawnWorkerProcess(config);
      const progress = await waitForCompletion(migrationId, 270_000);
      expect(progress).toMatchObject({ status: 'completed', total: 300, started: 300, failed: 0, invited: 300 });
    } finally {
      await worker.stop();
    }
    const users = await UserModel.find({ tenantId }, { email: 1 }).lean();
    // Exactly one invitation per user, counted as distinct Message-IDs (a copy resent from the
    // instant between SMTP acceptance and the log write carries the same Message-ID).
    const received = await Promise.all(users.map((user) => messagesTo(user.email!)));
    expect(received.map((messages) => new Set(messages.map((message) => message.messageId)).size)).toEqual(users.map(() => 1));
    expect(new Set(received.flat().map((message) => message.messageId)).size).toBe(300);
    expect(await EmailLogModel.countDocuments({ tenantId, status: 'sent' })).toBe(300);
    expect(tenant.requiresLoginLink).toBe(true);
  }, 480_000);
});
