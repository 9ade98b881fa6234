import { UserModel } from '../../data/models/index.js';
import { countMatching } from '../../data/paged-list.js';
import { type ActivationTracker, type StuckPerson, type StuckReason } from '../../domain/activation.js';
import { emailFailureOf } from '../../domain/email-failures.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { cohortCounts, type Cohort } from './cohort-counts.js';
import { findMigrationOrFail } from '../migrations/migration-progress.js';
import { findTenantOrFail } from '../tenants/find-tenant.js';

const DAY_MS = 86_400_000;
/** A page of the stuck list at most; an office fixes them a screen at a time. */
export const MAX_STUCK_PAGE = 100;

/** Stuck, one condition per reason; a person with several shows under the first (the fix that comes first). */
const stuckConditions = (stuckBefore: Date): Record<StuckReason, Record<string, unknown>> => ({
  emailFailing: { status: { $in: ['invited', 'expired'] }, emailFailing: true },
  expired: { status: 'expired' },
  linking: { status: 'linking' },
  invitedLongAgo: { status: 'invited', invitedAt: { $lt: stuckBefore } },
});

function reasonOf(user: { status: string; emailFailing?: boolean | null }): StuckReason {
  if (user.emailFailing && (user.status === 'invited' || user.status === 'expired')) return 'emailFailing';
  if (user.status === 'expired') return 'expired';
  if (user.status === 'linking') return 'linking';
  return 'invitedLongAgo';
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
  const conditions = stuckConditions(new Date(Date.now() - input.stuckDays * DAY_MS));
  // The cohort goes into each branch, so MongoDB plans each branch on a (tenant or run, status) index
  // of its own; beside the $or it would be checked on every stuck user of the platform's status
  // indexes (a walk of every invited user in a national base for an office that has none).
  const stuckWhere = { $or: (input.reason ? [conditions[input.reason]] : Object.values(conditions)).map((condition) => ({ ...cohort, ...condition })) };
  const limit = Math.min(input.limit ?? 50, MAX_STUCK_PAGE);
  const [counts, total, stuck] = await Promise.all([
    cohortCounts(cohort),
    countMatching(UserModel, stuckWhere),
    UserModel.find(stuckWhere, {
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
    })
      .sort({ statusChangedAt: 1, _id: 1 })
      .skip(input.skip ?? 0)
      .limit(limit)
      .lean(),
  ]);
  const people: StuckPerson[] = stuck.map((user) => ({
    id: String(user._id),
    code: user.code,
    name: user.name,
    email: user.email ?? user.proposedEmail ?? null,
    status: user.status,
    reason: reasonOf(user),
    since: (user.statusChangedAt ?? user.invitedAt ?? new Date(0)).toISOString(),
    invitedAt: user.invitedAt?.toISOString() ?? null,
    lastEmailError: user.lastEmailError ?? null,
    emailFailure: user.emailFailing ? emailFailureOf(user.lastEmailError) : null,
    loginLinkAwaitedFrom: (user.loginLinkAwaitedFrom as StuckPerson['loginLinkAwaitedFrom']) ?? null,
  }));
  return { tenantId: input.tenantId, migrationId: input.migrationId ?? null, counts, stuck: { days: input.stuckDays, total, people } };
}
