import { z } from 'zod';
import { EmailLogModel, UserModel } from '../../data/models/index.js';
import { activationStatuses, type ActivationStatus } from '../../domain/activation-status.js';
import { checkWorker, type ReadinessDeps } from '../health/readiness.js';
import { emailView, toEmailView } from './resources/read-only.js';

export const dashboardQuerySchema = z.object({
  stuckDays: z.coerce.number().min(0).max(365).default(3).meta({ description: 'Invited for more than this many days counts as stuck (default 3)' }),
});

export const dashboardView = z
  .object({
    counts: z.record(z.enum(activationStatuses), z.number().int()),
    total: z.number().int(),
    stuck: z.object({
      days: z.number(),
      total: z.number().int(),
      users: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          email: z.string().nullable(),
          tenantId: z.string(),
          invitedAt: z.iso.datetime().nullable(),
          remindersSent: z.number().int(),
          emailFailing: z.boolean(),
          lastEmailError: z.string().nullable(),
        }),
      ),
    }),
    recentEmails: z.array(emailView),
    worker: z.object({ ok: z.boolean(), detail: z.string(), workers: z.number().int() }),
  })
  .meta({ id: 'Dashboard' });

/** What the admin home shows: users per status, who is stuck awaiting registration, recent e-mails, whether a worker runs. */
export async function dashboard(deps: ReadinessDeps, stuckDays: number): Promise<z.infer<typeof dashboardView>> {
  const stuckBefore = new Date(Date.now() - stuckDays * 86_400_000);
  const stuckWhere = { status: 'invited' as const, invitedAt: { $lt: stuckBefore } };
  const [byStatus, stuckUsers, stuckTotal, emails, worker] = await Promise.all([
    UserModel.aggregate<{ _id: ActivationStatus; count: number }>([{ $group: { _id: '$status', count: { $sum: 1 } } }]),
    UserModel.find(stuckWhere, { name: 1, email: 1, tenantId: 1, invitedAt: 1, remindersSent: 1, emailFailing: 1, lastEmailError: 1 }).sort({ invitedAt: 1 }).limit(50).lean(),
    UserModel.countDocuments(stuckWhere),
    EmailLogModel.find({}).sort({ createdAt: -1 }).limit(20).lean(),
    checkWorker(deps),
  ]);
  const counts = Object.fromEntries(activationStatuses.map((status) => [status, byStatus.find((group) => group._id === status)?.count ?? 0])) as Record<ActivationStatus, number>;
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
