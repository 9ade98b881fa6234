import { z } from 'zod';
import { activationStatuses } from './activation-status.js';
import { emailView } from './email.js';

/** The console's home, as GET /api/admin/dashboard answers it. */
export const dashboardView = z
  .object({
    counts: z.record(z.enum(activationStatuses), z.number().int()),
    total: z.number().int(),
    countedAt: z.iso.datetime().nullable().meta({
      description:
        'When the counts were taken: null when counted for this answer; for a scope of more than 20,000 users, the last snapshot (refreshed every 30 s or so)',
    }),
    stuck: z.object({
      days: z.number(),
      total: z.number().int().meta({ description: 'Counted up to 10,000 (see `more`)' }),
      more: z.boolean().meta({ description: 'More than 10,000 are stuck' }),
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
export type Dashboard = z.infer<typeof dashboardView>;

/** What the console needs to link to the Temporal UI (GET /api/admin/config). */
export const adminConfigView = z.object({ temporalUiUrl: z.string(), namespace: z.string(), taskQueue: z.string() }).meta({ id: 'AdminConfig' });
export type AdminConfig = z.infer<typeof adminConfigView>;
