import { EmailLogModel, UserModel } from '../../data/models/index.js';
import { boundedCountQuery, countQuery } from '../../data/paged-list.js';
import { scopeWhere } from '../../data/tenant-scope.js';
import { statusCountQueries, usersPerStatus } from '../../data/user-counts.js';
import type { ActivationStatus } from '../../domain/activation-status.js';
import type { Dashboard } from '../../domain/dashboard.js';
import { LIST_COUNT_LIMIT } from '../../domain/list-page.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toEmailView } from '../records/outgoing-emails.js';

/**
 * The dashboard's MongoDB queries, exported so test/api/query-plans.test.ts explains them: a count
 * per status (each a COUNT_SCAN of the status index, where one $group would read every user; for
 * a scope of more than 20,000 users, a snapshot instead: data/user-counts.ts), the stuck
 * activations oldest first and their total, counted up to 10,001 (the index on status and
 * invitedAt), the last e-mails.
 */
export function dashboardQueries(scope: TenantScope, stuckBefore: Date) {
  const stuckWhere = awaitingRegistrationSince(scope, stuckBefore);
  return {
    counts: statusCountQueries(scope),
    stuck: UserModel.find(stuckWhere, { name: 1, email: 1, tenantId: 1, invitedAt: 1, remindersSent: 1, emailFailing: 1, lastEmailError: 1 })
      .sort({ invitedAt: 1 })
      .limit(50)
      .lean(),
    stuckTotal: boundedCountQuery(UserModel, stuckWhere, LIST_COUNT_LIMIT + 1),
    recentEmails: EmailLogModel.find(scopeWhere(scope)).sort({ createdAt: -1 }).limit(20).lean(),
  };
}

/** Invited before `before` and still not registered: stuck (the index on status and invitedAt). */
const awaitingRegistrationSince = (scope: TenantScope, before: Date) => ({ ...scopeWhere(scope), status: 'invited' as const, invitedAt: { $lt: before } });
const countOf = async (count: PromiseLike<{ n: number }[]>) => (await count)[0]?.n ?? 0;

/** Users per status: live on the status index, or a snapshot of a large scope (data/user-counts.ts). The dashboard's, and the API's /metrics gauges'. */
export async function countUsersByStatus(scope: TenantScope): Promise<Record<ActivationStatus, number>> {
  return (await usersPerStatus(scope)).counts;
}

/** How many users were invited before `before` and have not registered yet. */
export const countAwaitingRegistrationSince = (scope: TenantScope, before: Date) => countOf(countQuery(UserModel, awaitingRegistrationSince(scope, before))!);

/** How many users' last lifecycle e-mail the mail server refused. */
export const countEmailFailing = (scope: TenantScope) => countOf(countQuery(UserModel, { ...scopeWhere(scope), emailFailing: true })!);

/** What the admin home shows: users per status, who is stuck awaiting registration, recent e-mails, whether a worker runs (`workerStatus`, the readiness check's). */
export async function dashboard(scope: TenantScope, stuckDays: number, workerStatus: () => Promise<Dashboard['worker']>): Promise<Dashboard> {
  const queries = dashboardQueries(scope, new Date(Date.now() - stuckDays * 86_400_000));
  const [{ counts, countedAt }, stuckUsers, stuckTotal, emails, worker] = await Promise.all([
    usersPerStatus(scope),
    queries.stuck,
    countOf(queries.stuckTotal),
    queries.recentEmails,
    workerStatus(),
  ]);
  return {
    counts,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
    countedAt: countedAt?.toISOString() ?? null,
    stuck: {
      days: stuckDays,
      total: Math.min(stuckTotal, LIST_COUNT_LIMIT),
      more: stuckTotal > LIST_COUNT_LIMIT,
      users: stuckUsers.map((user) => ({
        id: String(user._id),
        name: user.name,
        email: user.email ?? null,
        tenantId: String(user.tenantId),
        invitedAt: user.invitedAt?.toISOString() ?? null,
        remindersSent: user.remindersSent ?? 0,
        emailFailing: user.emailFailing ?? false,
        lastEmailError: user.lastEmailError ?? null,
      })),
    },
    recentEmails: emails.map(toEmailView),
    worker,
  };
}
