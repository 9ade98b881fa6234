import {
  type ActivityOptions,
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  deactivateSignal,
  emailChangedSignal,
  emailFailedSignal,
  lifecycleStateQuery,
  loginLinkConfirmedSignal,
  reactivateSignal,
  registerUpdate,
  resendInvitationSignal,
  type UserActivationInput,
} from '../domain/lifecycle.js';
import { ActivationStatusKey, TenantIdKey, UserIdKey } from '../domain/search-attributes.js';
import { emailTaskQueue } from '../domain/task-queues.js';
import { describeState } from './lifecycle-details.js';
import { countTransition } from './metrics.js';
import { RegistrationRefused, UserLifecycle, type LifecycleEffects } from './user-lifecycle.js';

/** Past this many history events the lifecycle continues as new (resends and reminders add up over months). */
const HISTORY_EVENTS_LIMIT = 2_000;

/**
 * One user's whole life as an account, for as long as the user exists (an entity workflow), so
 * resend, change of e-mail, deactivation and reactivation are messages to it and its query is
 * always the truth. The states and transitions are the UserLifecycle class (user-lifecycle.ts);
 * this function wires them to Temporal: activities with their retry policies, signals, the
 * register Update, the query, and continue-as-new.
 */
export async function userActivation(input: UserActivationInput): Promise<void> {
  const lifecycle = new UserLifecycle(input, temporalEffects(input));
  const historyLimit = input.historyEventsLimit ?? HISTORY_EVENTS_LIMIT;

  setHandler(lifecycleStateQuery, () => ({ ...lifecycle.state }));
  setHandler(resendInvitationSignal, () => lifecycle.receive({ type: 'resend' }));
  setHandler(emailChangedSignal, () => lifecycle.receive({ type: 'emailChanged' }));
  setHandler(deactivateSignal, (request) => lifecycle.receive({ type: 'deactivate', reason: request?.reason }));
  setHandler(reactivateSignal, () => lifecycle.receive({ type: 'reactivate' }));
  setHandler(loginLinkConfirmedSignal, () => lifecycle.confirmLoginLink());
  setHandler(emailFailedSignal, (request) => lifecycle.receive({ type: 'emailFailed', emailKey: request.emailKey, error: request.error }));
  // A refusal is the Update's failure with its code, from the validator or (a transition that
  // overlapped the registration) the handler; any other error fails the workflow task, as a bug should.
  const refusal = (error: unknown) =>
    error instanceof RegistrationRefused ? ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true }) : error;
  setHandler(
    registerUpdate,
    (request) =>
      lifecycle.register(request).catch((error: unknown) => {
        throw refusal(error);
      }),
    {
      validator: (request) => {
        try {
          lifecycle.validateRegistration(request);
        } catch (error) {
          throw refusal(error);
        }
      },
    },
  );

  await lifecycle.start();
  for (;;) {
    const info = workflowInfo();
    if (lifecycle.inbox.length === 0 && (info.continueAsNewSuggested || info.historyLength > historyLimit)) {
      // Let in-flight Updates finish so no caller is left without an answer, then carry everything over.
      await condition(allHandlersFinished);
      await continueAsNew<typeof userActivation>({ ...input, carried: lifecycle.state, carriedRequests: lifecycle.inbox });
    }
    await lifecycle.step();
  }
}

function temporalEffects(input: UserActivationInput): LifecycleEffects {
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
    // Above the mailer's own socket timeouts (worker/mailer.ts), so a hung SMTP session fails first.
    startToCloseTimeout: '20s',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: ['EmailRejected'] },
  };
  const mail = proxyActivities<Activities>(emailOptions);

  return {
    now: () => Date.now(),
    newInvitationId: () => uuid4(),
    async waitUntil(ready, timeoutMs, summary) {
      if (timeoutMs === undefined) {
        await condition(ready);
        return true;
      }
      return summary === undefined ? condition(ready, timeoutMs) : condition(ready, timeoutMs, { summary });
    },
    publish(state) {
      upsertSearchAttributes([
        { key: ActivationStatusKey, value: state.status },
        { key: TenantIdKey, value: input.tenantId },
        { key: UserIdKey, value: input.userId },
      ]);
      setCurrentDetails(describeState(input, state));
      countTransition(state.status);
    },
    auditKey: (transition) => `${workflowInfo().firstExecutionRunId}:${transition}`,
    patched: (id) => patched(id),
    async sendEmail(request, summary) {
      try {
        await mail.sendLifecycleEmail.executeWithOptions({ ...emailOptions, summary }, [request]);
        return undefined;
      } catch (error) {
        const rejection = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'EmailRejected';
        if (!rejection) throw error;
        return { rejected: error.cause?.message ?? 'address rejected' };
      }
    },
    recordLifecycle: local.recordLifecycle,
    openInvitation: local.openInvitation,
    closeInvitations: local.closeInvitations,
    consumeInvitation: db.consumeInvitation,
    grantAccess: db.grantAccess,
    linkLoginInMainSystem: db.linkLoginInMainSystem,
    requestLoginLink: db.requestLoginLink,
    loginLinkSupervisor: db.loginLinkSupervisor,
  };
}
