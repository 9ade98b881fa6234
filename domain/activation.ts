import { z } from 'zod';
import { activationStatusSchema } from './activation-status.js';
import { emailFailureSchema } from './email-failures.js';

/**
 * Where an office's people are in their activation, as its activation tracker shows them (and the
 * migration's progress answer): counts that add up to people, not to lifecycles started.
 * `total` is the people asked to activate (invited, registered, linking, active, expired): the
 * ones not invited yet (staged) and the ones taken out (inactive) are counted apart.
 */
export const activationCountsSchema = z
  .object({
    staged: z.number().int(),
    invited: z.number().int(),
    registered: z.number().int(),
    linking: z.number().int().meta({ description: 'Registered, waiting for the link in the main system to be confirmed' }),
    active: z.number().int(),
    expired: z.number().int().meta({ description: 'Their invitation link expired before they registered' }),
    inactive: z.number().int(),
    emailFailing: z.number().int().meta({ description: 'Whose last e-mail the mail server refused for good' }),
    total: z.number().int().meta({ description: 'People asked to activate: invited + registered + linking + active + expired' }),
    progress: z.number().min(0).max(1).meta({ description: 'active ÷ total (0 when total is 0)' }),
    activeOfRegistered: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: 'active ÷ (registered + linking + active): how many of those who registered can sign in' }),
  })
  .meta({ id: 'ActivationCounts' });
export type ActivationCounts = z.infer<typeof activationCountsSchema>;

/** Why a person is stuck, each with its fix in the console: resend, fix the e-mail, copy the link, confirm the link. */
export const stuckReasons = ['emailFailing', 'expired', 'linking', 'invitedLongAgo'] as const;
export const stuckReasonSchema = z.enum(stuckReasons);
export type StuckReason = z.infer<typeof stuckReasonSchema>;

export const stuckPersonSchema = z
  .object({
    id: z.string(),
    code: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    status: activationStatusSchema,
    reason: stuckReasonSchema,
    since: z.iso.datetime().meta({
      description: 'Since when the person is stuck: an unanswered invitation since it was sent (a resend starts it again), else since the status changed',
    }),
    invitedAt: z.iso.datetime().nullable(),
    lastEmailError: z.string().nullable(),
    emailFailure: emailFailureSchema
      .nullable()
      .meta({ description: "While the e-mail is failing: why, in the mail server's or provider's words and in people's" }),
    loginLinkAwaitedFrom: z.enum(['mainSystem', 'office']).nullable().meta({ description: 'While linking: who confirms the link' }),
  })
  .meta({ id: 'StuckPerson' });
export type StuckPerson = z.infer<typeof stuckPersonSchema>;

export const activationTrackerSchema = z
  .object({
    tenantId: z.string(),
    migrationId: z.string().nullable().meta({ description: "The run counted; null: the whole office's people" }),
    counts: activationCountsSchema,
    stuck: z.object({
      days: z.number().meta({ description: 'Invited more than this many days ago without registering counts as stuck' }),
      total: z.number().int(),
      people: z.array(stuckPersonSchema),
    }),
  })
  .meta({ id: 'ActivationTracker' });
export type ActivationTracker = z.infer<typeof activationTrackerSchema>;

/** The counts from the people per status (and how many have a failing e-mail). */
export function activationCounts(byStatus: Partial<Record<z.infer<typeof activationStatusSchema>, number>>, emailFailing: number): ActivationCounts {
  const n = (status: z.infer<typeof activationStatusSchema>) => byStatus[status] ?? 0;
  const total = n('invited') + n('registered') + n('linking') + n('active') + n('expired');
  const registered = n('registered') + n('linking') + n('active');
  return {
    staged: n('staged'),
    invited: n('invited'),
    registered: n('registered'),
    linking: n('linking'),
    active: n('active'),
    expired: n('expired'),
    inactive: n('inactive'),
    emailFailing,
    total,
    progress: total === 0 ? 0 : n('active') / total,
    activeOfRegistered: registered === 0 ? 0 : n('active') / registered,
  };
}
