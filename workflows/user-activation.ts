import {
  type ActivityOptions,
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ActivationStatus } from '../domain/activation-status.js';
import {
  deactivateSignal,
  emailChangedSignal,
  lifecycleStateQuery,
  reactivateSignal,
  registerRejections,
  registerUpdate,
  resendInvitationSignal,
  type LifecycleRequest,
  type LifecycleState,
  type UserActivationInput,
} from '../domain/lifecycle.js';
import { emailTaskQueue } from '../domain/task-queues.js';
import { ActivationStatusKey, TenantIdKey, UserIdKey } from '../domain/search-attributes.js';
import { describeState } from './lifecycle-details.js';
import { nextReminderAt } from './reminder-schedule.js';

/** Past this many history events the lifecycle continues as new (resends and reminders add up over months). */
const HISTORY_EVENTS_LIMIT = 2_000;

const initialState = (): LifecycleState => ({
  status: 'staged',
  invitationId: null,
  consumedInvitationId: null,
  invitationsSent: 0,
  invitedAt: null,
  expiresAt: null,
  remindersSent: 0,
  nextReminderAt: null,
  registeredAt: null,
  accessAt: null,
  activatedAt: null,
  expiredAt: null,
  deactivatedAt: null,
  emailsSent: 0,
  emailFailing: false,
  lastEmailError: null,
  accessValid: false,
  transitions: 0,
});

/**
 * One user's whole life as an account: invitation, reminders, expiry, registration, sync delay,
 * access. It stays open while the user exists (an entity workflow), so resend, change of e-mail,
 * deactivation and reactivation are messages to it, and its query is always the truth.
 */
export async function userActivation(input: UserActivationInput): Promise<void> {
  const { userId, tenantId, policy } = input;
  const state: LifecycleState = input.carried ?? initialState();
  const inbox: LifecycleRequest[] = [...(input.carriedRequests ?? [])];
  const historyLimit = input.historyEventsLimit ?? HISTORY_EVENTS_LIMIT;

  // Retried with backoff for as long as it takes: MongoDB outages must not lose a user. The
  // timeouts are short because they are also how long a task of a crashed worker waits to be retried.
  const db = proxyActivities<Activities>({
    startToCloseTimeout: '15s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
  // Quick MongoDB writes that need no task queue round trip (projection, invitation bookkeeping):
  // local activities, which matter when a migration starts 50,000 lifecycles.
  const local = proxyLocalActivities<Activities>({
    startToCloseTimeout: '15s',
    retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
  });
  // E-mail runs on its own, rate-limited task queue. SMTP outages retry with backoff; a permanent
  // rejection of the address does not.
  const emailOptions: ActivityOptions = {
    taskQueue: emailTaskQueue(workflowInfo().taskQueue),
    // Above the mailer's own socket timeouts (worker/create-workers.ts), so a hung SMTP session fails first.
    startToCloseTimeout: '20s',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: ['EmailRejected'] },
  };
  const mail = proxyActivities<Activities>(emailOptions);

  setHandler(lifecycleStateQuery, () => ({ ...state }));
  setHandler(resendInvitationSignal, () => void inbox.push({ type: 'resend' }));
  setHandler(emailChangedSignal, () => void inbox.push({ type: 'emailChanged' }));
  setHandler(deactivateSignal, (request) => void inbox.push({ type: 'deactivate', reason: request?.reason }));
  setHandler(reactivateSignal, () => void inbox.push({ type: 'reactivate' }));

  setHandler(
    registerUpdate,
    async ({ invitationId, submissionId }) => {
      // Claimed before the first await, so a concurrent second submission is rejected by the validator.
      const from = state.status;
      state.status = 'registered';
      state.consumedInvitationId = invitationId;
      // Only the accepted submission's password is activated. Same command as before: only the
      // activity's input gains the (non-secret) submission id, and only when the Update carries one.
      await db.consumeInvitation({ invitationId, userId, ...(submissionId ? { submissionId } : {}) });
      const now = Date.now();
      state.registeredAt = now;
      state.accessAt = now + policy.syncDelayMs;
      state.nextReminderAt = null;
      await record('registered', undefined, from);
      return { registeredAt: now, accessAt: state.accessAt };
    },
    {
      validator: ({ invitationId }) => {
        const reject = (code: string, message: string) => {
          throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
        };
        if (invitationId === state.consumedInvitationId) reject(registerRejections.used, 'this invitation was already used');
        if (state.status === 'inactive') reject(registerRejections.wrongState, 'the account is inactive');
        if (invitationId !== state.invitationId) reject(registerRejections.superseded, 'a newer invitation replaced this one');
        if (state.status === 'expired' || (state.expiresAt !== null && Date.now() >= state.expiresAt)) {
          reject(registerRejections.expired, 'this invitation has expired');
        }
        if (state.status !== 'invited') reject(registerRejections.wrongState, `the account is ${state.status}`);
      },
    },
  );

  /** Writes the projection to MongoDB, the search attribute and the operator's summary. */
  async function record(status: ActivationStatus, event?: string, from: ActivationStatus = state.status) {
    state.status = status;
    state.transitions += 1;
    upsertSearchAttributes([
      { key: ActivationStatusKey, value: status },
      { key: TenantIdKey, value: tenantId },
      { key: UserIdKey, value: userId },
    ]);
    setCurrentDetails(describeState(input, state));
    await local.recordLifecycle({
      userId,
      tenantId,
      auditKey: `${workflowInfo().firstExecutionRunId}:${state.transitions}`,
      event: event ?? `lifecycle.${status}`,
      from,
      state: { ...state },
    });
  }

  async function sendEmail(template: 'invitation' | 'reminder' | 'accessReady', key: string, summary: string, extra: { reminderNumber?: number } = {}) {
    try {
      await mail.sendLifecycleEmail.executeWithOptions({ ...emailOptions, summary }, [
        {
          key,
          template,
          userId,
          tenantName: input.tenantLabel,
          invitationId: state.invitationId ?? undefined,
          expiresAt: state.expiresAt ?? undefined,
          accessAt: state.accessAt ?? undefined,
          syncDelayMs: policy.syncDelayMs,
          ...extra,
        },
      ]);
      state.emailsSent += 1;
      state.emailFailing = false;
      state.lastEmailError = null;
    } catch (error) {
      const rejection = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'EmailRejected';
      if (!rejection) throw error;
      // The address is refused for good: stop e-mailing it and show why, so an admin can fix the address.
      state.emailFailing = true;
      state.lastEmailError = error.cause?.message ?? 'address rejected';
    }
  }

  async function invite(event: string) {
    if (state.invitationId) await local.closeInvitations({ userId, reason: 'superseded' });
    const now = Date.now();
    state.invitationId = uuid4();
    state.invitationsSent += 1;
    state.invitedAt = now;
    state.expiresAt = now + policy.invitationTtlMs;
    state.remindersSent = 0;
    state.expiredAt = null;
    state.registeredAt = null;
    state.accessAt = null;
    state.status = 'invited';
    await local.openInvitation({ invitationId: state.invitationId, userId, tenantId, expiresAt: state.expiresAt });
    await sendEmail('invitation', `invitation:${state.invitationId}`, `invitation ${state.invitationsSent}`);
    state.nextReminderAt = scheduleNextReminder();
    await record('invited', event);
  }

  function scheduleNextReminder() {
    if (state.emailFailing || state.invitedAt === null || state.expiresAt === null) return null;
    return nextReminderAt(policy, userId, state.invitedAt, state.expiresAt, state.remindersSent);
  }

  async function awaitRegistration() {
    const due = state.nextReminderAt ?? state.expiresAt ?? Date.now();
    const total = policy.reminderOffsetsMs.length;
    const summary =
      state.nextReminderAt !== null
        ? `reminder ${state.remindersSent + 1} of ${total} at ${new Date(due).toISOString()}`
        : `invitation expires at ${new Date(due).toISOString()}`;
    const interrupted = await condition(() => inbox.length > 0 || state.status !== 'invited', Math.max(due - Date.now(), 1), { summary });
    if (interrupted) return;
    if (state.nextReminderAt !== null) {
      const number = state.remindersSent + 1;
      await sendEmail('reminder', `reminder:${state.invitationId}:${number}`, `reminder ${number} of ${total}`, { reminderNumber: number });
      state.remindersSent = number;
      state.nextReminderAt = scheduleNextReminder();
      await record('invited', 'lifecycle.reminded');
      return;
    }
    await local.closeInvitations({ userId, reason: 'expired' });
    state.expiredAt = Date.now();
    state.nextReminderAt = null;
    await record('expired');
  }

  async function awaitSyncThenGrantAccess() {
    // The register Update sets the time once the invitation is durably consumed.
    await condition(() => state.accessAt !== null);
    const accessAt = state.accessAt ?? Date.now();
    const interrupted = await condition(
      () => inbox.some((request) => request.type === 'deactivate' || request.type === 'emailChanged'),
      Math.max(accessAt - Date.now(), 1),
      { summary: `sync delay until ${new Date(accessAt).toISOString()}` },
    );
    if (interrupted) return;
    const { requiresLoginLink } = await db.grantAccess({ userId });
    if (requiresLoginLink) await db.linkLoginInMainSystem({ userId });
    state.activatedAt = Date.now();
    state.accessValid = true;
    await sendEmail('accessReady', `access-ready:${state.consumedInvitationId}`, 'access ready e-mail');
    await record('active');
  }

  async function handle(request: LifecycleRequest) {
    switch (request.type) {
      case 'resend':
        if (state.status === 'invited' || state.status === 'expired' || state.status === 'staged') await invite('lifecycle.resent');
        return;
      case 'emailChanged':
        state.accessValid = false;
        if (state.status === 'inactive') {
          // The new address gets its invitation on reactivation; the old link must die now.
          await local.closeInvitations({ userId, reason: 'superseded' });
          state.invitationId = null;
          await record('inactive', 'lifecycle.emailChanged');
          return;
        }
        await invite('lifecycle.emailChanged');
        return;
      case 'deactivate':
        if (state.status === 'inactive') return;
        await local.closeInvitations({ userId, reason: 'revoked' });
        state.invitationId = null;
        state.nextReminderAt = null;
        state.deactivatedAt = Date.now();
        await record('inactive', request.reason ? `lifecycle.inactive: ${request.reason}` : undefined);
        return;
      case 'reactivate':
        if (state.status !== 'inactive') return;
        state.deactivatedAt = null;
        if (state.accessValid) await record('active', 'lifecycle.reactivated');
        else await invite('lifecycle.reactivated');
        return;
    }
  }

  if (state.status === 'staged') await invite('lifecycle.invited');

  for (;;) {
    const request = inbox.shift();
    if (request) {
      await handle(request);
      continue;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
      // Let in-flight Updates finish so no caller is left without an answer, then carry everything over.
      await condition(allHandlersFinished);
      await continueAsNew<typeof userActivation>({ ...input, carried: state, carriedRequests: inbox });
    }
    switch (state.status) {
      case 'invited':
        await awaitRegistration();
        break;
      case 'registered':
        await awaitSyncThenGrantAccess();
        break;
      default:
        // active, expired, inactive: nothing happens until someone asks.
        await condition(() => inbox.length > 0);
    }
  }
}
