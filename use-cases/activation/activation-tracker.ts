import { UserModel } from '../../data/models/index.js';
import { type ActivationTracker, type StuckPerson, type StuckReason } from '../../domain/activation.js';
import { emailFailureOf } from '../../domain/email-failures.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { cohortIndexes, cohortTally, countsOf, type Cohort, type CohortTally, type Hint } from './cohort-counts.js';
import { findMigrationOrFail } from '../migrations/migration-progress.js';
import { findTenantOrFail } from '../tenants/find-tenant.js';

const DAY_MS = 86_400_000;
/** A page of the stuck list at most; an office fixes them a screen at a time. */
export const MAX_STUCK_PAGE = 100;

/**
 * Stuck, one condition per reason, disjoint: a person with several shows under the first (the fix
 * that comes first), so each of the later conditions leaves out the failing e-mails the first takes.
 */
const stuckConditions = (stuckBefore: Date): Record<StuckReason, Record<string, unknown>> => ({
  emailFailing: { status: { $in: ['invited', 'expired'] }, emailFailing: true },
  expired: { status: 'expired', emailFailing: { $ne: true } },
  linking: { status: 'linking' },
  invitedLongAgo: { status: 'invited', invitedAt: { $lt: stuckBefore }, emailFailing: { $ne: true } },
});

/**
 * Where each reason's people are walked, named rather than left to the planner: the query shape
 * is the same for every office, and a plan cached for an office with thousands stuck (walking the
 * platform's status indexes) would walk every invited user of a national base for an office that
 * has none. An office's people in the order of the list on {tenantId, status, statusChangedAt}; a
 * run's on {migrationId, status, invitedAt, _id}; the failing e-mails on the partial indexes that
 * hold only them. The invitations nobody answered are walked by when they were sent ({tenantId |
 * migrationId, status, invitedAt, _id}), so the walk stops at the stuck ones: walked by status
 * change it read every invited person to find none, 700 ms p95 while a 100,000-user office was
 * being invited (docs/benchmarks.md). How many there are comes from the cohort's tally.
 */
function stuckPlan(cohort: Cohort, reason: StuckReason, condition: Record<string, unknown>) {
  const office = 'tenantId' in cohort;
  const { byInvitation, failing } = cohortIndexes(cohort);
  const walk: Hint = office ? { tenantId: 1, status: 1, statusChangedAt: 1, _id: 1 } : byInvitation;
  const hint: Hint = reason === 'emailFailing' ? failing : reason === 'invitedLongAgo' ? byInvitation : walk;
  // In the order the list shows (stuckSince).
  const sort: Record<string, 1> = reason === 'invitedLongAgo' ? { invitedAt: 1, _id: 1 } : { statusChangedAt: 1, _id: 1 };
  return { where: { ...cohort, ...condition }, hint, sort };
}

/** How many are stuck for each reason, from the tally (the conditions of stuckConditions, counted). */
const stuckTotals = (tally: CohortTally): Record<StuckReason, number> => ({
  emailFailing: tally.failing.invited + tally.failing.expired,
  expired: tally.byStatus.expired - tally.failing.expired,
  linking: tally.byStatus.linking,
  invitedLongAgo: tally.invitedBefore - tally.failingInvitedBefore,
});

type Tracked = { status: string; emailFailing?: boolean | null; statusChangedAt?: Date | null; invitedAt?: Date | null };

function reasonOf(user: Tracked): StuckReason {
  if (user.emailFailing && (user.status === 'invited' || user.status === 'expired')) return 'emailFailing';
  if (user.status === 'expired') return 'expired';
  if (user.status === 'linking') return 'linking';
  return 'invitedLongAgo';
}

/**
 * Since when a person is stuck where they are, the list's order: an invitation nobody answered,
 * since it was sent (a resend starts the wait again); anyone else, since their status changed.
 */
function stuckSince(user: Tracked): Date {
  const since = reasonOf(user) === 'invitedLongAgo' ? user.invitedAt : user.statusChangedAt;
  return since ?? user.statusChangedAt ?? user.invitedAt ?? new Date(0);
}

/**
 * The activation tracker: where an office's people are (or one migration run's), progress as
 * people active of people asked, and who is stuck, longest first, with why. Within the caller's
 * scope: another tenant is OTHER_TENANT, another tenant's run is not found.
 */
export async function activationTracker(
  scope: TenantScope,
  input: { tenantId: string; migrationId?: string; stuckDays: number; reason?: StuckReason; skip?: number; limit?: number },
): Promise<ActivationTracker> {
  requireTenant(scope, input.tenantId);
  const tenant = await findTenantOrFail(input.tenantId);
  if (input.migrationId) await findMigrationOrFail(scope, input.migrationId, input.tenantId);
  const cohort: Cohort = input.migrationId ? { migrationId: input.migrationId } : { tenantId: tenant._id };
  const stuckBefore = new Date(Date.now() - input.stuckDays * DAY_MS);
  const conditions = stuckConditions(stuckBefore);
  const limit = Math.min(input.limit ?? 50, MAX_STUCK_PAGE);
  const skip = input.skip ?? 0;
  const reasons = input.reason ? [input.reason] : (Object.keys(conditions) as StuckReason[]);
  const plans = reasons.map((reason) => stuckPlan(cohort, reason, conditions[reason]));
  const fields = {
    code: 1,
    name: 1,
    email: 1,
    proposedEmail: 1,
    status: 1,
    statusChangedAt: 1,
    invitedAt: 1,
    emailFailing: 1,
    lastEmailError: 1,
    loginLinkAwaitedFrom: 1,
  } as const;
  // The counts first, then each reason's first skip + limit in the list's order (longest stuck
  // first), merged: a reason nobody is stuck for is not walked. While a migration runs most are
  // empty, and the tracker, asked every few seconds, then sends mongod its counts and little else
  // (at 5,000 users, two reads instead of six).
  const tally = await cohortTally(cohort, stuckBefore);
  const totals = stuckTotals(tally);
  const walks = await Promise.all(
    plans.map((plan, index) =>
      totals[reasons[index]!] > 0
        ? UserModel.find(plan.where, fields)
            .hint(plan.hint)
            .sort(plan.sort)
            .limit(skip + limit)
            .lean()
        : [],
    ),
  );
  // Never below 0: a count and its failing ones are two reads a moment apart.
  const total = reasons.reduce((sum, reason) => sum + Math.max(0, totals[reason]), 0);
  const since = (user: Tracked) => stuckSince(user).getTime();
  const stuck = walks
    .flat()
    .sort((a, b) => since(a) - since(b) || String(a._id).localeCompare(String(b._id)))
    .slice(skip, skip + limit);
  const people: StuckPerson[] = stuck.map((user) => ({
    id: String(user._id),
    code: user.code,
    name: user.name,
    email: user.email ?? user.proposedEmail ?? null,
    status: user.status,
    reason: reasonOf(user),
    since: stuckSince(user).toISOString(),
    invitedAt: user.invitedAt?.toISOString() ?? null,
    lastEmailError: user.lastEmailError ?? null,
    emailFailure: user.emailFailing ? emailFailureOf(user.lastEmailError) : null,
    loginLinkAwaitedFrom: (user.loginLinkAwaitedFrom as StuckPerson['loginLinkAwaitedFrom']) ?? null,
  }));
  return { tenantId: input.tenantId, migrationId: input.migrationId ?? null, counts: countsOf(tally), stuck: { days: input.stuckDays, total, people } };
}
