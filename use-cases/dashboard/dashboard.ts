import { EmailLogModel, UserModel } from '../../data/models/index.js';
import { countQuery } from '../../data/paged-list.js';
import { scopeWhere } from '../../data/tenant-scope.js';
import { activationStatuses, type ActivationStatus } from '../../domain/activation-status.js';
import type { Dashboard } from '../../domain/dashboard.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toEmailView } from '../records/outgoing-emails.js';

/**
 * The dashboard's MongoDB queries, exported so test/api/query-plans.test.ts explains them: a count
 * per status (each a COUNT_SCAN of the status index, where one $group would read every user), the
 * stuck activations oldest first and their total (the index on status and invitedAt), the last e-mails.
 */
export function dashboardQueries(scope: TenantScope, stuckBefore: Date) {
  const stuckWhere = awaitingRegistrationSince(scope, stuckBefore);
  return {
    counts: statusCounts(scope),
    stuck: UserModel.find(stuckWhere, { name: 1, email: 1, tenantId: 1, invitedAt: 1, remindersSent: 1, emailFailing: 1, lastEmailError: 1 })
      .sort({ invitedAt: 1 })
      .limit(50)
      .lean(),
    stuckTotal: countQuery(UserModel, stuckWhere)!,
    recentEmails: EmailLogModel.find(scopeWhere(scope)).sort({ createdAt: -1 }).limit(20).lean(),
  };
}

/** Invited before `before` and still not registered: stuck (the index on status and invitedAt). */
const awaitingRegistrationSince = (scope: TenantScope, before: Date) => ({ ...scopeWhere(scope), status: 'invited' as const, invitedAt: { $lt: before } });
const statusCounts = (scope: TenantScope) => activationStatuses.map((status) => ({ status, count: countQuery(UserModel, { ...scopeWhere(scope), status })! }));
const countOf = async (count: PromiseLike<{ n: number }[]>) => (await count)[0]?.n ?? 0;

/** Users per status, each counted on the status index. The dashboard's, and the API's /metrics gauges'. */
export async function countUsersByStatus(scope: TenantScope) {
  const counts = await Promise.all(statusCounts(scope).map(async ({ status, count }) => [status, await countOf(count)] as const));
  return Object.fromEntries(counts) as Record<ActivationStatus, number>;
}

/** How many users were invited before `before` and have not registered yet. */
export const countAwaitingRegistrationSince = (scope: TenantScope, before: Date) => countOf(countQuery(UserModel, awaitingRegistrationSince(scope, before))!);

/** How many users' last lifecycle e-mail the mail server refused. */
export const countEmailFailing = (scope: TenantScope) => countOf(countQuery(UserModel, { ...scopeWhere(scope), emailFailing: true })!);

/** What the admin home shows: users per status, who is stuck awaiting registration, recent e-mails, whether a worker runs (`workerStatus`, the readiness check's). */
export async function dashboard(scope: TenantScope, stuckDays: number, workerStatus: () => Promise<Dashboard['worker']>): Promise<Dashboard> {
  const queries = dashboardQueries(scope, new Date(Date.now() - stuckDays * 86_400_000));
  const [counts, stuckUsers, stuckTotal, emails, worker] = await Promise.all([
    countUsersByStatus(scope),
    queries.stuck,
    countOf(queries.stuckTotal),
    queries.recentEmails,
    workerStatus(),
  ]);
  return {
    counts,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
    stuck: {
      days: stuckDays,
      total: stuckTotal,
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
