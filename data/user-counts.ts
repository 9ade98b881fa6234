import { activationStatuses, type ActivationStatus } from '../domain/activation-status.js';
import type { TenantScope } from '../domain/tenant-scope.js';
import { isDuplicateKey } from './duplicate-key.js';
import { UserCountModel, UserModel } from './models/index.js';
import { countQuery, countUpTo } from './paged-list.js';
import { scopeWhere } from './tenant-scope.js';

/**
 * Users per status for the dashboard and the /metrics gauges, at any size.
 *
 * A scope of up to LIVE_COUNT_LIMIT users (an office, a young platform) is counted on every read,
 * one count per status on the index, exact and current. A larger one would read as many index
 * keys as it has users on every read (268 ms at a million), so it shows a *snapshot*: one pass over
 * every user grouped by tenant and status, stored per tenant and for the platform (`userCounts`),
 * with the time it was taken, which the console shows. A read of a snapshot older than
 * COUNTS_FRESH_MS starts a new pass in the background; the first read of a large scope with none
 * waits for one.
 *
 * Why a snapshot and not counters kept up to date with $inc where a status changes: a status is
 * written in many places (the lifecycle's projection activity, the import, the migration's bulk
 * writes, SCIM, deletions of users and of tenants, and the tests and benches that write users
 * behind the service's back), and a counter is only right if every one of them moves it in the
 * same transaction as the status, forever; one missed or retried path and the dashboard drifts
 * with nothing to correct it. The pass is correct under any concurrency by construction: it is one
 * aggregate at read concern "snapshot" (MongoDB's point-in-time read), so a user changing status
 * while it runs is counted once, before or after, never twice; the stored result is replaced whole
 * and is never incremented. Passes do not overlap: a lease in the same collection (`_id:
 * 'refresh'`, taken with a conditional upsert, MongoDB's atomic compare-and-set) lets one API
 * process count at a time; a process that dies holding it only delays the next pass by LEASE_MS.
 * The price is freshness, shown as the snapshot's age, and one index pass per COUNTS_FRESH_MS
 * while someone looks at a large dashboard (about half a second of mongod's time per million
 * users).
 */
export const LIVE_COUNT_LIMIT = 20_000;
export const COUNTS_FRESH_MS = 30_000;
const LEASE_MS = 120_000;
const LEASE_ID = 'refresh';
const PLATFORM_ID = 'platform';

export type StatusCounts = Record<ActivationStatus, number>;

/** A scope's users per status, and when they were counted (null: now, live). */
export interface UsersPerStatus {
  counts: StatusCounts;
  countedAt: Date | null;
}

const keyOf = (scope: TenantScope) => (scope.kind === 'platform' ? PLATFORM_ID : scope.tenantId);
/** Nobody in any status: what counts start from. */
export const noUsersPerStatus = () => Object.fromEntries(activationStatuses.map((status) => [status, 0])) as StatusCounts;

/** The live counts' queries, one per status on the status index (exported for test/api/query-plans.test.ts). */
export const statusCountQueries = (scope: TenantScope) =>
  activationStatuses.map((status) => ({ status, count: countQuery(UserModel, { ...scopeWhere(scope), status })! }));

async function liveCounts(scope: TenantScope): Promise<StatusCounts> {
  const counts = await Promise.all(statusCountQueries(scope).map(async ({ status, count }) => [status, (await count)[0]?.n ?? 0] as const));
  return Object.fromEntries(counts) as StatusCounts;
}

/** The pass (exported for the test): every user's tenant and status, from the index on both, at one point in time. */
export const countPass = () =>
  UserModel.aggregate<{ _id: { tenantId: unknown; status: ActivationStatus }; n: number }>([
    { $group: { _id: { tenantId: '$tenantId', status: '$status' }, n: { $sum: 1 } } },
  ])
    .hint({ tenantId: 1, status: 1, invitedAt: 1, _id: 1 })
    .readConcern('snapshot');

/** Counts every user once and replaces the stored snapshot: each tenant's and the platform's. */
export async function refreshUserCounts(): Promise<Date> {
  const countedAt = new Date();
  const byTenant = new Map<string, StatusCounts>();
  const platform = noUsersPerStatus();
  for (const { _id, n } of await countPass()) {
    const tenant = String(_id.tenantId);
    const counts = byTenant.get(tenant) ?? noUsersPerStatus();
    counts[_id.status] += n;
    platform[_id.status] += n;
    byTenant.set(tenant, counts);
  }
  const documents = [...byTenant, [PLATFORM_ID, platform] as const].map(([_id, counts]) => ({
    replaceOne: {
      filter: { _id },
      replacement: { _id, counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0), countedAt },
      upsert: true,
    },
  }));
  await UserCountModel.bulkWrite(documents, { ordered: false });
  // A tenant without users any more (deleted, emptied) keeps no counts.
  await UserCountModel.deleteMany({ _id: { $ne: LEASE_ID }, countedAt: { $lt: countedAt } });
  return countedAt;
}

/** Runs a pass unless another process holds the lease; false when it does. */
async function refreshUnlessRunning(): Promise<boolean> {
  const now = new Date();
  try {
    await UserCountModel.findOneAndUpdate(
      { _id: LEASE_ID, $or: [{ until: { $lt: now } }, { until: null }] },
      { $set: { until: new Date(now.getTime() + LEASE_MS) } },
      { upsert: true },
    );
  } catch (error) {
    // The lease exists and is held: the upsert's insert met the _id.
    if (isDuplicateKey(error)) return false;
    throw error;
  }
  try {
    await refreshUserCounts();
  } finally {
    await UserCountModel.updateOne({ _id: LEASE_ID }, { $set: { until: null } });
  }
  return true;
}

/** Users per status in the scope: live up to LIVE_COUNT_LIMIT users, from the snapshot beyond (see above). */
export async function usersPerStatus(scope: TenantScope): Promise<UsersPerStatus> {
  const size = await countUpTo(UserModel, scopeWhere(scope), LIVE_COUNT_LIMIT + 1);
  if (size <= LIVE_COUNT_LIMIT) return { counts: await liveCounts(scope), countedAt: null };
  let snapshot = await UserCountModel.findById(keyOf(scope)).lean();
  if (!snapshot?.countedAt) {
    await refreshUnlessRunning();
    snapshot = await UserCountModel.findById(keyOf(scope)).lean();
    // Another process is counting: this read counts live, once.
    if (!snapshot?.countedAt) return { counts: await liveCounts(scope), countedAt: null };
  } else if (Date.now() - snapshot.countedAt.getTime() > COUNTS_FRESH_MS) {
    // Answered from the snapshot at hand; the next reads get the new one. A failed pass is retried by a later read.
    void refreshUnlessRunning().catch(() => undefined);
  }
  const stored = (snapshot.counts ?? {}) as Partial<StatusCounts>;
  return { counts: { ...noUsersPerStatus(), ...stored }, countedAt: snapshot.countedAt };
}
