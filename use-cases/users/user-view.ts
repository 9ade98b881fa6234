import type { UserDoc } from '../../data/models/user.js';
import type { LifecycleState } from '../../domain/lifecycle.js';
import type { OnboardingView } from '../../domain/onboarding.js';
import type { User } from '../../domain/user.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** A user as the API answers it: MongoDB's projection, `_id` as `id`, dates as ISO strings. */
export function toUserView(user: UserDoc & { _id: unknown; createdAt: Date; updatedAt: Date }): User {
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

const isoMs = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The user overlaid with the workflow's live state; without one, the stored projection. */
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
