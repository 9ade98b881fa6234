import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActivationStatus } from './activation-status.js';

/**
 * The contract between the `userActivation` workflow and everything that talks to it (API,
 * migration workflow, tests). Imported by both sides, so a renamed message breaks the build,
 * not production.
 */

export const USER_ACTIVATION_WORKFLOW = 'userActivation';
export const workflowIdForUser = (userId: string) => `user-activation-${userId}`;

/** Durations in milliseconds, read from configuration when the lifecycle starts. */
export interface LifecyclePolicy {
  syncDelayMs: number;
  /** Offsets from the invitation at which reminders go out, ascending, all before the expiry. */
  reminderOffsetsMs: number[];
  invitationTtlMs: number;
  /** Reminders of a migrated cohort are spread over this window so they do not all fire at once. */
  reminderSpreadMs: number;
  /**
   * How long the main system may take to confirm the login link before the tenant's supervisor
   * is reminded. Absent in lifecycles started before the step was real: 1 day.
   */
  loginLinkReminderMs?: number;
}

export interface UserActivationInput {
  userId: string;
  tenantId: string;
  /** Shown in the Temporal UI summary: "Ana Souza (ana@acme.com) — tenant Acme". Never a secret. */
  userLabel: string;
  tenantLabel: string;
  policy: LifecyclePolicy;
  /** Present after continue-as-new: the state and unhandled requests of the previous run. */
  carried?: LifecycleState;
  carriedRequests?: LifecycleRequest[];
  /** Continue-as-new threshold; tests lower it to exercise the hand-over. */
  historyEventsLimit?: number;
}

export interface LifecycleState {
  status: ActivationStatus;
  /** The invitation whose link is valid now; superseded ones are rejected. Not secret: the token is an HMAC of it. */
  invitationId: string | null;
  /** The invitation redeemed by the last registration: a second submission of it is "already used". */
  consumedInvitationId: string | null;
  invitationsSent: number;
  invitedAt: number | null;
  expiresAt: number | null;
  remindersSent: number;
  nextReminderAt: number | null;
  registeredAt: number | null;
  accessAt: number | null;
  activatedAt: number | null;
  expiredAt: number | null;
  deactivatedAt: number | null;
  emailsSent: number;
  emailFailing: boolean;
  lastEmailError: string | null;
  /** Whether access was granted and is still valid for the current login e-mail (reactivation restores it). */
  accessValid: boolean;
  /** Count of recorded transitions; with the first run id it keys idempotent audit events. */
  transitions: number;
  /** The main-system link step (status `linking`): when it was asked for, when the supervisor was reminded, whether it is confirmed. */
  loginLinkRequestedAt?: number | null;
  loginLinkRemindedAt?: number | null;
  loginLinkConfirmed?: boolean;
}

export type LifecycleRequest =
  | { type: 'resend' }
  | { type: 'emailChanged' }
  | { type: 'deactivate'; reason?: string }
  | { type: 'reactivate' }
  | ({ type: 'emailFailed' } & EmailFailedRequest);

/**
 * An e-mail provider reported, after accepting it, that an e-mail of this lifecycle bounced for
 * good or was marked as spam (use-cases/email-events). Not a secret: the e-mail's log key and the
 * reason as `lastEmailError` shows it.
 */
export interface EmailFailedRequest {
  /** The outgoing log's key of the e-mail (`invitation:<id>`, `reminder:<id>:<n>`, `access-ready:<id>`). */
  emailKey: string;
  /** `<reason>: <detail>` (domain/email-failures.ts). */
  error: string;
}

export const resendInvitationSignal = defineSignal('resendInvitation');
/** Sent after the API stored the new, unique e-mail: the old link dies and a new invitation goes out. */
export const emailChangedSignal = defineSignal('emailChanged');
export const deactivateSignal = defineSignal<[{ reason?: string }]>('deactivate');
export const reactivateSignal = defineSignal('reactivate');
/** The main system linked the user's login (POST /api/v1/onboardings/:userId/login-link). */
export const loginLinkConfirmedSignal = defineSignal('loginLinkConfirmed');
/** An e-mail of this lifecycle bounced for good or was marked as spam: the address is failing, reminders stop. */
export const emailFailedSignal = defineSignal<[EmailFailedRequest]>('emailFailed');

export interface RegisterRequest {
  /** Found by the API from the token's hash; the raw token never reaches Temporal. */
  invitationId: string;
  /**
   * The form submission (a random id, not a secret) whose pending password becomes the user's
   * when this Update is accepted; absent in Updates sent before submissions had ids.
   */
  submissionId?: string;
}
export interface RegisterResult {
  registeredAt: number;
  accessAt: number;
}
/** Rejection reasons of the register Update; the API maps each to a 410/409 with the same code. */
export const registerRejections = {
  expired: 'INVITATION_EXPIRED',
  used: 'INVITATION_USED',
  superseded: 'INVITATION_SUPERSEDED',
  wrongState: 'INVITATION_NOT_ACTIVE',
} as const;
export const registerUpdate = defineUpdate<RegisterResult, [RegisterRequest]>('register');

export const lifecycleStateQuery = defineQuery<LifecycleState>('state');
