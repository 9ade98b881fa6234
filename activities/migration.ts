import { Context } from '@temporalio/activity';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../data/duplicate-key.js';
import { reviewChanged, takeIntoRun } from '../data/migration-review.js';
import { MigrationModel, UserModel } from '../data/models/index.js';
import { deriveRunSearchKeys } from '../data/user-search-refresh.js';
import type { LifecyclePolicy } from '../domain/lifecycle.js';
import type { MigrationStatus } from '../domain/migration.js';
import { publishEvent } from '../webhooks/publish.js';
import type { ActivityDeps } from './deps.js';

/** How many lifecycle starts one page runs at once: enough to keep the server busy, bounded for memory. */
const START_CONCURRENCY = 50;

type PageUser = { _id: Types.ObjectId; email?: string | null; proposedEmail?: string | null; status: string };

/**
 * The proposed e-mails of a page become logins, in one write for the whole page rather than a
 * round trip per user. Returns the users whose address someone else took since the review (the
 * unique index on `email` refuses theirs): they stay staged, with the reason, and are not started.
 */
async function assignLogins(page: PageUser[]) {
  const toAssign = page.filter((user) => user.status !== 'inactive' && !user.email && user.proposedEmail);
  const taken = new Set<string>();
  if (toAssign.length === 0) return taken;
  let refused: PageUser[] = [];
  try {
    await UserModel.bulkWrite(
      toAssign.map((user) => ({ updateOne: { filter: { _id: user._id, email: { $exists: false } }, update: { $set: { email: user.proposedEmail! } } } })),
      { ordered: false },
    );
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
    if (!writeErrors?.length || !writeErrors.every(isDuplicateKey)) throw error;
    refused = writeErrors.map((failure) => toAssign[failure.index]!);
  }
  if (refused.length === 0) return taken;
  for (const user of refused) taken.add(String(user._id));
  await UserModel.bulkWrite(
    refused.map((user) => ({
      updateOne: { filter: { _id: user._id }, update: { $set: { lastEmailError: `login e-mail ${user.proposedEmail} is already in use` } } },
    })),
  );
  return taken;
}

export function migrationActivities({ lifecycle, webhooks }: Pick<ActivityDeps, 'lifecycle' | 'webhooks'>) {
  return {
    /**
     * Takes every staged user of the tenant into this run, and derives the search keys the review's
     * users are staged without (data/migration-review.ts insertStagedUsers), so the users list finds
     * them from now on. Idempotent; users of an earlier run are not taken again, keys not derived twice.
     */
    async freezeMigrationList(input: { migrationId: string; tenantId: string }) {
      // Minutes for an office of 200,000 here, in batches: the heartbeat says it is alive.
      const heartbeat = (done: number) => Context.current().heartbeat(done);
      await takeIntoRun(new Types.ObjectId(input.tenantId), input.migrationId, heartbeat);
      await reviewChanged(input.tenantId);
      await deriveRunSearchKeys(input.migrationId, heartbeat);
      return { total: await UserModel.countDocuments({ migrationId: input.migrationId }) };
    },

    /**
     * Starts the lifecycles of the next page of users (in _id order after `cursor`). The proposed
     * e-mail becomes the login first; a start is idempotent (workflow id from the user id), so a
     * retried page or a second run never starts a second lifecycle nor sends a second invitation.
     * Lifecycles follow the run's `policy` (the API's timings when the run was started), not this
     * worker's configuration; a page scheduled by a run from before the policy was passed has none.
     */
    async startMigrationPage(input: {
      migrationId: string;
      tenantId: string;
      tenantLabel: string;
      cursor: string | null;
      limit: number;
      policy?: LifecyclePolicy;
    }) {
      const page = await UserModel.find(
        { migrationId: input.migrationId, ...(input.cursor ? { _id: { $gt: new Types.ObjectId(input.cursor) } } : {}) },
        { name: 1, email: 1, proposedEmail: 1, status: 1 },
      )
        .sort({ _id: 1 })
        .limit(input.limit)
        .lean();
      let started = 0;
      let failed = 0;
      let next = 0;
      const taken = await assignLogins(page);
      const startOne = async (user: (typeof page)[number]) => {
        if (user.status === 'inactive') return;
        const email = user.email ?? user.proposedEmail;
        if (!email || taken.has(String(user._id))) {
          failed++;
          return;
        }
        await lifecycle.start({ userId: String(user._id), tenantId: input.tenantId, name: user.name, email, tenantName: input.tenantLabel }, input.policy);
        started++;
      };
      // A sliding window, not batches: one slow start must not leave the other slots idle.
      await Promise.all(
        Array.from({ length: Math.min(START_CONCURRENCY, page.length) }, async () => {
          while (next < page.length) {
            await startOne(page[next++]!);
            Context.current().heartbeat(next);
          }
        }),
      );
      const last = page.at(-1);
      return { cursor: last ? String(last._id) : input.cursor, started, failed, done: page.length < input.limit };
    },

    /** The run's counters; its completion is also the `migration.completed` webhook event (once per run, whatever the retries). */
    async recordMigrationProgress(input: { migrationId: string; status: MigrationStatus; total: number; started: number; failed: number }) {
      const migration = await MigrationModel.findOneAndUpdate(
        { _id: input.migrationId },
        {
          $set: {
            status: input.status,
            total: input.total,
            started: input.started,
            failed: input.failed,
            ...(input.status !== 'running' ? { finishedAt: new Date() } : {}),
          },
        },
        { projection: { tenantId: 1 } },
      ).lean();
      if (input.status === 'completed' && migration) {
        const tenantId = String(migration.tenantId);
        const { migrationId, status, total, started, failed } = input;
        await publishEvent(webhooks, {
          key: `migration.completed:${migrationId}`,
          type: 'migration.completed',
          tenantId,
          data: { migrationId, tenantId, status, total, started, failed },
        });
      }
    },
  };
}
