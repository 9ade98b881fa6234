import type { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { countMatching } from '../../data/paged-list.js';
// The dashboard's bounds: up to LIVE_COUNT_LIMIT people counted on every request, more at most every COUNTS_FRESH_MS.
import { COUNTS_FRESH_MS, LIVE_COUNT_LIMIT, noUsersPerStatus, type StatusCounts } from '../../data/user-counts.js';
import type { ActivationStatus } from '../../domain/activation-status.js';
import { activationCounts } from '../../domain/activation.js';

/** The people counted: an office's, or one migration run's (a run is one tenant's: its id alone picks its people, on its index). */
export type Cohort = { tenantId: Types.ObjectId } | { migrationId: string };

/**
 * A cohort's people per status, and what the activation tracker's stuck counts are made of: the
 * invited whose invitation went out before `invitedBefore`, and the same for those whose last
 * e-mail fails (each reason's count is one of these less its failing ones).
 */
export interface CohortTally {
  byStatus: StatusCounts;
  invitedBefore: number;
  failing: StatusCounts;
  failingInvitedBefore: number;
}

/** A large cohort's counts per status in this process, and when they were counted. */
const counted = new Map<string, { at: number; byStatus: StatusCounts }>();
/** The cohorts being counted again in the background: one pass at a time each. */
const recounting = new Set<string>();

export type Hint = Record<string, 1 | -1>;

/** The indexes named (a cohort's plan is the same for every office: see stuckPlan in activation-tracker.ts). */
export const cohortIndexes = (cohort: Cohort): { byInvitation: Hint; failing: Hint } =>
  'tenantId' in cohort
    ? { byInvitation: { tenantId: 1, status: 1, invitedAt: 1, _id: 1 }, failing: { tenantId: 1, emailFailing: 1, createdAt: -1, _id: -1 } }
    : { byInvitation: { migrationId: 1, status: 1, invitedAt: 1, _id: 1 }, failing: { migrationId: 1, emailFailing: 1 } };

/**
 * People grouped by status and by whether they are invited since before `invitedBefore`, in one
 * aggregation (a request made of twenty small counts queued twenty times behind a busy worker: 89 ms
 * p95 during a migration, docs/benchmarks.md). `old` compares the invitation time the way the
 * tracker's find does: a missing one is not before anything.
 */
function tallyPipeline(match: Record<string, unknown>, invitedBefore: Date) {
  const old = { $and: [{ $eq: ['$status', 'invited'] }, { $gt: ['$invitedAt', null] }, { $lt: ['$invitedAt', invitedBefore] }] };
  return [{ $match: match }, { $group: { _id: { status: '$status', old }, n: { $sum: 1 } } }];
}

type TallyRow = { _id: { status: ActivationStatus; old: boolean }; n: number };

function fold(rows: TallyRow[]) {
  const byStatus = noUsersPerStatus();
  let invitedBefore = 0;
  for (const { _id, n } of rows) {
    byStatus[_id.status] += n;
    if (_id.old) invitedBefore += n;
  }
  return { byStatus, invitedBefore };
}

/**
 * The tally, in two aggregations: the cohort's keys on {cohort, status, invitedAt, _id} (covered:
 * no document read, about 170 ns a key here) and its failing e-mails on the partial index that
 * holds only them (few; their documents read). A cohort of more than LIVE_COUNT_LIMIT would read
 * every key on each request (some 35 ms at 200,000): each API process answers its counts per status
 * from its last count, taken again in the background once older than COUNTS_FRESH_MS (the tracker
 * of a large office is a progress screen: its counts may be 30 s old, as the dashboard's are), and only what
 * the stuck counts need is counted live, each a COUNT_SCAN on a key range of the stuck (not when
 * no `invitedBefore` is asked: a run's progress has no stuck list).
 */
export async function cohortTally(cohort: Cohort, invitedBefore?: Date, now = Date.now()): Promise<CohortTally> {
  const key = 'tenantId' in cohort ? `tenant:${String(cohort.tenantId)}` : `migration:${cohort.migrationId}`;
  const indexes = cohortIndexes(cohort);
  const recent = counted.get(key);
  // Nobody was invited before the epoch: without a stuck list, `old` is never true.
  const before = invitedBefore ?? new Date(0);
  const failingPass = UserModel.aggregate<TallyRow>(tallyPipeline({ ...cohort, emailFailing: true }, before)).hint(indexes.failing);

  // Older than COUNTS_FRESH_MS, the counts at hand still answer (the dashboard's way,
  // data/user-counts.ts) while a pass in the background takes new ones for the next request: the
  // person watching a 100,000-user migration never waits for the recount (some 240-320 ms then).
  const fresh = recent?.byStatus;
  if (recent && now - recent.at > COUNTS_FRESH_MS && !recounting.has(key)) {
    recounting.add(key);
    void recount(cohort, key, indexes.byInvitation, now)
      .catch(() => undefined) // a later request tries again
      .finally(() => recounting.delete(key));
  }
  if (fresh && !invitedBefore) {
    const failing = fold(await failingPass);
    return { byStatus: fresh, invitedBefore: 0, failing: failing.byStatus, failingInvitedBefore: 0 };
  }
  if (fresh && invitedBefore) {
    const count = (where: Record<string, unknown>) => countMatching(UserModel, { ...cohort, ...where });
    const [failingRows, expired, linking, invitedLongAgo] = await Promise.all([
      failingPass,
      count({ status: 'expired' }),
      count({ status: 'linking' }),
      count({ status: 'invited', invitedAt: { $lt: invitedBefore } }),
    ]);
    const failing = fold(failingRows);
    return {
      byStatus: { ...fresh, expired, linking },
      invitedBefore: invitedLongAgo,
      failing: failing.byStatus,
      failingInvitedBefore: failing.invitedBefore,
    };
  }
  const [rows, failingRows] = await Promise.all([UserModel.aggregate<TallyRow>(tallyPipeline(cohort, before)).hint(indexes.byInvitation), failingPass]);
  const all = fold(rows);
  const failing = fold(failingRows);
  remember(key, all.byStatus, now);
  return { byStatus: all.byStatus, invitedBefore: all.invitedBefore, failing: failing.byStatus, failingInvitedBefore: failing.invitedBefore };
}

/** A large cohort's counts per status taken again, for the requests after this one. */
async function recount(cohort: Cohort, key: string, hint: Hint, now: number) {
  const rows = await UserModel.aggregate<TallyRow>(tallyPipeline(cohort, new Date(0))).hint(hint);
  remember(key, fold(rows).byStatus, now);
}

/** Keeps a large cohort's counts; a cohort that is no longer large is counted live again. */
function remember(key: string, byStatus: StatusCounts, now: number) {
  if (Object.values(byStatus).reduce((sum, n) => sum + n, 0) > LIVE_COUNT_LIMIT) counted.set(key, { at: now, byStatus });
  else counted.delete(key);
}

/** The tracker's counts from a tally: people per status, and those whose e-mail fails. */
export const countsOf = (tally: CohortTally) =>
  activationCounts(
    tally.byStatus,
    Object.values(tally.failing).reduce((sum, n) => sum + n, 0),
  );

/** People per status of a cohort (a migration run's progress). */
export async function cohortCounts(cohort: Cohort, now = Date.now()) {
  return countsOf(await cohortTally(cohort, undefined, now));
}
