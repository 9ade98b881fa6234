import { z } from 'zod';
import type { UserDoc } from '../../data/models/user.js';
import type { LifecycleState } from '../../domain/lifecycle.js';
import { userSchema, type User } from '../../domain/user.js';

export const userView = userSchema.meta({ id: 'User' });

type UserRecord = UserDoc & { _id: unknown; createdAt: Date; updatedAt: Date };
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** A user as the API answers it: MongoDB's projection, `_id` as `id`, dates as ISO strings. */
export function toUserView(user: UserRecord): User {
  return {
    id: String(user._id),
    tenantId: String(user.tenantId),
    code: user.code,
    name: user.name,
    email: user.email ?? null,
    legacyUsername: user.legacyUsername ?? null,
    role: user.role,
    locale: user.locale,
    externalId: user.externalId ?? null,
    status: user.status,
    statusChangedAt: user.statusChangedAt.toISOString(),
    invitedAt: iso(user.invitedAt),
    registeredAt: iso(user.registeredAt),
    activatedAt: iso(user.activatedAt),
    expiredAt: iso(user.expiredAt),
    deactivatedAt: iso(user.deactivatedAt),
    accessAt: iso(user.accessAt),
    invitationExpiresAt: iso(user.invitationExpiresAt),
    remindersSent: user.remindersSent ?? 0,
    emailFailing: user.emailFailing ?? false,
    lastEmailError: user.lastEmailError ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The onboarding status an integration reads: the user, overlaid with the workflow's live state while it runs. */
export const onboardingView = userSchema
  .extend({
    source: z.enum(['workflow', 'database', 'starting']).meta({
      description:
        '"workflow": read live from the running lifecycle; "database": its last projection; "starting": a lifecycle just started whose first step (the invitation) has not run yet',
    }),
    nextReminderAt: z.iso.datetime().nullable(),
    invitationsSent: z.number().int().nullable(),
    emailsSent: z.number().int().nullable(),
  })
  .meta({ id: 'Onboarding' });
export type OnboardingView = z.infer<typeof onboardingView>;

const isoMs = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toOnboardingView(user: User, live: LifecycleState | null): OnboardingView {
  if (!live) return { ...user, source: 'database', nextReminderAt: null, invitationsSent: null, emailsSent: null };
  return {
    ...user,
    source: 'workflow',
    status: live.status,
    invitedAt: isoMs(live.invitedAt),
    registeredAt: isoMs(live.registeredAt),
    activatedAt: isoMs(live.activatedAt),
    expiredAt: isoMs(live.expiredAt),
    deactivatedAt: isoMs(live.deactivatedAt),
    accessAt: isoMs(live.accessAt),
    invitationExpiresAt: live.status === 'invited' ? isoMs(live.expiresAt) : null,
    remindersSent: live.remindersSent,
    emailFailing: live.emailFailing,
    lastEmailError: live.lastEmailError,
    nextReminderAt: isoMs(live.nextReminderAt),
    invitationsSent: live.invitationsSent,
    emailsSent: live.emailsSent,
  };
}
