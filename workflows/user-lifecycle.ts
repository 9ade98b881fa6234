import type { Activities } from '../activities/index.js';
import type { ActivationStatus } from '../domain/activation-status.js';
import {
  registerRejections,
  type EmailFailedRequest,
  type LifecycleRequest,
  type LifecycleState,
  type RegisterRequest,
  type RegisterResult,
  type UserActivationInput,
} from '../domain/lifecycle.js';
import { nextReminderAt } from './reminder-schedule.js';

type Activity<Name extends keyof Activities> = Activities[Name];
type LifecycleEmailRequest = Parameters<Activities['sendLifecycleEmail']>[0];

/** Lifecycles that passed the link step before it asked the main system replay the old path. */
export const LOGIN_LINK_REQUEST_PATCH = 'login-link-request';
/**
 * Lifecycles that passed the link step before it always waited for a confirmation (the main
 * system's, or the office's in the console) replay the path that completed it alone when no
 * endpoint listened, and that lost a confirmation arriving during the request.
 */
export const LOGIN_LINK_CONFIRMED_PATCH = 'login-link-always-confirmed';
/**
 * Lifecycles that recorded their transitions before a registration arriving in the middle of
 * another transition stood: the one that finished last overwrote the other's status (an
 * invitation's e-mail still on its way set a registered account back to invited, its invitation
 * consumed; a registration finishing after a deactivation set the account registered again).
 */
export const OVERLAPPING_REGISTRATION_PATCH = 'overlapping-registration';
const DAY = 86_400_000;

/**
 * Everything the state machine does to the world, given by the workflow (user-activation.ts)
 * from Temporal's APIs, or by a unit test from plain functions. The machine itself is plain
 * TypeScript: it can be driven transition by transition without a server.
 */
export interface LifecycleEffects {
  /** Workflow time (deterministic in a workflow). */
  now(): number;
  /** A fresh invitation id (uuid4 in a workflow: deterministic too). */
  newInvitationId(): string;
  /** Waits until `ready()` holds (true) or `timeoutMs` passes (false); no timeout waits for ever. */
  waitUntil(ready: () => boolean, timeoutMs?: number, summary?: string): Promise<boolean>;
  /** The status as operators search it and read it (search attribute, current details). */
  publish(state: LifecycleState): void;
  /** The key of this transition's audit event, stable across retries and continue-as-new. */
  auditKey(transition: number): string;
  /** Temporal's `patched()`: false only while replaying a history recorded before the change. */
  patched(id: string): boolean;
  /** Sends one lifecycle e-mail once per key; `rejected` with the reason when the address is refused for good. */
  sendEmail(request: LifecycleEmailRequest, summary: string): Promise<{ rejected: string } | undefined>;
  recordLifecycle: Activity<'recordLifecycle'>;
  openInvitation: Activity<'openInvitation'>;
  closeInvitations: Activity<'closeInvitations'>;
  consumeInvitation: Activity<'consumeInvitation'>;
  grantAccess: Activity<'grantAccess'>;
  linkLoginInMainSystem: Activity<'linkLoginInMainSystem'>;
  requestLoginLink: Activity<'requestLoginLink'>;
  loginLinkSupervisor: Activity<'loginLinkSupervisor'>;
}

/** Why a registration was refused; the workflow turns it into the Update's rejection. */
export class RegistrationRefused extends Error {
  constructor(
    readonly code: (typeof registerRejections)[keyof typeof registerRejections],
    message: string,
  ) {
    super(message);
    this.name = 'RegistrationRefused';
  }
}

export const initialLifecycleState = (): LifecycleState => ({
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
 * One user's account lifecycle as a state machine: staged → invited (reminders, resends) →
 * expired or registered → (sync delay) → active, and inactive from anywhere. Requests (resend,
 * change of e-mail, deactivate, reactivate) queue in `inbox` and are handled one at a time between
 * waits; registration is the one synchronous request (an Update), validated against the state.
 *
 * The order of effects is the workflow's command order: saved histories replay against it
 * (test/workflows/replay-and-secrets.test.ts), so a change here that reorders them goes behind
 * `patched()` in the workflow.
 */
export class UserLifecycle {
  readonly state: LifecycleState;
  readonly inbox: LifecycleRequest[];

  constructor(
    private readonly input: UserActivationInput,
    private readonly effects: LifecycleEffects,
  ) {
    this.state = input.carried ?? initialLifecycleState();
    this.inbox = [...(input.carriedRequests ?? [])];
  }

  receive(request: LifecycleRequest) {
    this.inbox.push(request);
  }

  /** The main system says it linked the login; a lifecycle waiting in `linking` goes on to access. */
  confirmLoginLink() {
    this.state.loginLinkConfirmed = true;
  }

  /** The register Update's validator: throws RegistrationRefused, changes nothing. */
  validateRegistration({ invitationId }: RegisterRequest) {
    const state = this.state;
    const refuse = (code: RegistrationRefused['code'], message: string) => {
      throw new RegistrationRefused(code, message);
    };
    if (invitationId === state.consumedInvitationId) refuse(registerRejections.used, 'this invitation was already used');
    if (state.status === 'inactive') refuse(registerRejections.wrongState, 'the account is inactive');
    if (invitationId !== state.invitationId) refuse(registerRejections.superseded, 'a newer invitation replaced this one');
    if (state.status === 'expired' || (state.expiresAt !== null && this.effects.now() >= state.expiresAt)) {
      refuse(registerRejections.expired, 'this invitation has expired');
    }
    if (state.status !== 'invited') refuse(registerRejections.wrongState, `the account is ${state.status}`);
  }

  /** A validated registration: the invitation is consumed and the sync delay starts. */
  async register({ invitationId, submissionId }: RegisterRequest): Promise<RegisterResult> {
    const state = this.state;
    // Claimed before the first await, so a concurrent second submission is refused by the validator.
    const from = state.status;
    state.status = 'registered';
    state.consumedInvitationId = invitationId;
    // A new registration (after a change of e-mail, say) needs its own confirmation of the link.
    state.loginLinkConfirmed = false;
    // Only the accepted submission's password is activated. The activity's input gains the
    // (non-secret) submission id only when the Update carries one, as before submissions had ids.
    await this.effects.consumeInvitation({ invitationId, userId: this.input.userId, ...(submissionId ? { submissionId } : {}) });
    const now = this.effects.now();
    if (state.status !== 'registered' && this.effects.patched(OVERLAPPING_REGISTRATION_PATCH)) {
      // A deactivation or a change of e-mail was handled while the invitation was being consumed:
      // it came later, so it stands, and the person hears what a moment later would have said.
      if (state.status === 'inactive') throw new RegistrationRefused(registerRejections.wrongState, 'the account is inactive');
      throw new RegistrationRefused(registerRejections.superseded, 'a newer invitation replaced this one');
    }
    state.registeredAt = now;
    state.accessAt = now + this.input.policy.syncDelayMs;
    state.nextReminderAt = null;
    await this.record('registered', undefined, from);
    return { registeredAt: now, accessAt: state.accessAt };
  }

  /** A new lifecycle sends its first invitation; a continued one picks up where it was. */
  async start() {
    if (this.state.status === 'staged') await this.invite('lifecycle.invited');
  }

  /** One request from the inbox, or else the wait of the current status and what ends it. */
  async step() {
    const request = this.inbox.shift();
    if (request) return this.handle(request);
    switch (this.state.status) {
      case 'invited':
        return this.awaitRegistration();
      case 'registered':
        return this.awaitSyncThenGrantAccess();
      case 'linking':
        return this.awaitLoginLink();
      default:
        // active, expired, inactive: nothing happens until someone asks.
        await this.effects.waitUntil(() => this.inbox.length > 0);
    }
  }

  private async handle(request: LifecycleRequest) {
    const state = this.state;
    switch (request.type) {
      case 'resend':
        if (state.status === 'invited' || state.status === 'expired' || state.status === 'staged') await this.invite('lifecycle.resent');
        return;
      case 'emailChanged':
        state.accessValid = false;
        if (state.status === 'inactive') {
          // The new address gets its invitation on reactivation; the old link must die now.
          await this.effects.closeInvitations({ userId: this.input.userId, reason: 'superseded' });
          state.invitationId = null;
          await this.record('inactive', 'lifecycle.emailChanged');
          return;
        }
        await this.invite('lifecycle.emailChanged');
        return;
      case 'deactivate': {
        if (state.status === 'inactive') return;
        // Claimed before the first await, so a registration arriving meanwhile is refused (the
        // account is inactive) instead of granting access after the deactivation.
        const from = state.status;
        state.status = 'inactive';
        await this.effects.closeInvitations({ userId: this.input.userId, reason: 'revoked' });
        state.invitationId = null;
        state.nextReminderAt = null;
        state.deactivatedAt = this.effects.now();
        await this.record('inactive', request.reason ? `lifecycle.inactive: ${request.reason}` : undefined, from);
        return;
      }
      case 'reactivate':
        if (state.status !== 'inactive') return;
        state.deactivatedAt = null;
        if (state.accessValid) await this.record('active', 'lifecycle.reactivated');
        else await this.invite('lifecycle.reactivated');
        return;
      case 'emailFailed':
        await this.emailFailed(request);
        return;
    }
  }

  /**
   * An e-mail provider's late report (a hard bounce, a spam complaint) on an e-mail of the current
   * invitation: the address is failing, as when the SMTP server refused it, and no reminder goes
   * to it; the next e-mail that goes out (a resend, a fixed address) clears it. A report on an
   * e-mail of an earlier invitation (an address since changed) changes nothing, nor does the same
   * report twice.
   */
  private async emailFailed({ emailKey, error }: EmailFailedRequest) {
    const state = this.state;
    const invitationId = emailKey.split(':')[1];
    if (!invitationId || invitationId !== state.invitationId) return;
    if (state.emailFailing && state.lastEmailError === error) return;
    state.emailFailing = true;
    state.lastEmailError = error;
    state.nextReminderAt = null;
    await this.record(state.status, 'lifecycle.emailFailed');
  }

  /** A new invitation (the old link dies), its e-mail, and the reminder schedule from now. */
  private async invite(event: string) {
    const state = this.state;
    const { userId, tenantId, policy } = this.input;
    // What the audit trail shows the transition came from (staged, expired, inactive, invited).
    const from = state.status;
    if (state.invitationId) await this.effects.closeInvitations({ userId, reason: 'superseded' });
    const now = this.effects.now();
    state.invitationId = this.effects.newInvitationId();
    state.invitationsSent += 1;
    state.invitedAt = now;
    state.expiresAt = now + policy.invitationTtlMs;
    state.remindersSent = 0;
    state.expiredAt = null;
    state.registeredAt = null;
    state.accessAt = null;
    state.status = 'invited';
    await this.effects.openInvitation({ invitationId: state.invitationId, userId, tenantId, expiresAt: state.expiresAt });
    await this.sendEmail('invitation', `invitation:${state.invitationId}`, `invitation ${state.invitationsSent}`);
    if (this.registeredDuringEmail()) {
      await this.record(state.status, event, from);
      return;
    }
    state.nextReminderAt = this.scheduleNextReminder();
    await this.record('invited', event, from);
  }

  /**
   * The person registered while an invitation or reminder was on its way. It happens: a worker
   * that dies after the SMTP server took the e-mail and before the send was recorded leaves the
   * activity to time out and resend, and the person may click the first copy meanwhile; or an
   * SMTP outage keeps a reminder retrying for hours while the person registers from an earlier
   * e-mail. The registration stands: the e-mail's step is recorded under the status the
   * registration left, and nothing sets the account back to invited.
   */
  private registeredDuringEmail() {
    return this.state.status !== 'invited' && this.effects.patched(OVERLAPPING_REGISTRATION_PATCH);
  }

  private scheduleNextReminder() {
    const state = this.state;
    if (state.emailFailing || state.invitedAt === null || state.expiresAt === null) return null;
    return nextReminderAt(this.input.policy, this.input.userId, state.invitedAt, state.expiresAt, state.remindersSent);
  }

  /** Invited: the next reminder or the expiry, unless a request or the registration comes first. */
  private async awaitRegistration() {
    const state = this.state;
    const due = state.nextReminderAt ?? state.expiresAt ?? this.effects.now();
    const total = this.input.policy.reminderOffsetsMs.length;
    const summary =
      state.nextReminderAt !== null
        ? `reminder ${state.remindersSent + 1} of ${total} at ${new Date(due).toISOString()}`
        : `invitation expires at ${new Date(due).toISOString()}`;
    const interrupted = await this.effects.waitUntil(() => this.inbox.length > 0 || state.status !== 'invited', Math.max(due - this.effects.now(), 1), summary);
    if (interrupted) return;
    if (state.nextReminderAt !== null) {
      const number = state.remindersSent + 1;
      await this.sendEmail('reminder', `reminder:${state.invitationId}:${number}`, `reminder ${number} of ${total}`, { reminderNumber: number });
      state.remindersSent = number;
      if (this.registeredDuringEmail()) {
        await this.record(state.status, 'lifecycle.reminded');
        return;
      }
      state.nextReminderAt = this.scheduleNextReminder();
      await this.record('invited', 'lifecycle.reminded');
      return;
    }
    await this.effects.closeInvitations({ userId: this.input.userId, reason: 'expired' });
    state.expiredAt = this.effects.now();
    state.nextReminderAt = null;
    await this.record('expired');
  }

  /** Registered: the sync delay, then access (and the main-system login link where the plan has it). */
  private async awaitSyncThenGrantAccess() {
    const state = this.state;
    const { userId } = this.input;
    // The register Update sets the time once the invitation is durably consumed.
    await this.effects.waitUntil(() => state.accessAt !== null);
    const accessAt = state.accessAt ?? this.effects.now();
    const interrupted = await this.effects.waitUntil(
      () => this.inbox.some((request) => request.type === 'deactivate' || request.type === 'emailChanged'),
      Math.max(accessAt - this.effects.now(), 1),
      `sync delay until ${new Date(accessAt).toISOString()}`,
    );
    if (interrupted) return;
    const { requiresLoginLink } = await this.effects.grantAccess({ userId });
    if (requiresLoginLink && this.effects.patched(LOGIN_LINK_CONFIRMED_PATCH)) {
      // The seed's plans link the new login inside the main system, and somebody must say it is
      // done: the main system through the API (it hears the webhook), or the office in the
      // console when no main system listens. Never done here alone. A confirmation that came
      // while the request was on its way (or since the registration) stands.
      await this.effects.requestLoginLink({ userId, tenantId: this.input.tenantId, key: `login-link:${state.consumedInvitationId}` });
      state.loginLinkRequestedAt = this.effects.now();
      state.loginLinkRemindedAt = null;
      await this.record('linking', 'lifecycle.loginLinkRequested');
      return;
    }
    if (requiresLoginLink) {
      if (this.effects.patched(LOGIN_LINK_REQUEST_PATCH)) {
        // The main system hears it through its webhook endpoint and confirms through the API.
        const { endpoints } = await this.effects.requestLoginLink({ userId, tenantId: this.input.tenantId, key: `login-link:${state.consumedInvitationId}` });
        if (endpoints > 0) {
          state.loginLinkRequestedAt = this.effects.now();
          state.loginLinkRemindedAt = null;
          state.loginLinkConfirmed = false;
          await this.record('linking', 'lifecycle.loginLinkRequested');
          return;
        }
      }
      // No main system to ask (or a lifecycle from before the step was real): the link is
      // recorded here, and linking it in the main system is left to people.
      await this.effects.linkLoginInMainSystem({ userId });
    }
    await this.activate();
  }

  /**
   * Linking: access is granted on our side; the main system (or the office, in the console) must
   * confirm the login is linked there. A late confirmation reminds the tenant's lowest-code
   * supervisor once; deactivation and a change of e-mail still win.
   */
  private async awaitLoginLink() {
    const state = this.state;
    const { userId, tenantId, policy } = this.input;
    const requestedAt = state.loginLinkRequestedAt ?? this.effects.now();
    const reminderAt = state.loginLinkRemindedAt ? null : requestedAt + (policy.loginLinkReminderMs ?? DAY);
    const ready = () => state.loginLinkConfirmed === true || this.inbox.length > 0;
    const woken =
      reminderAt === null
        ? await this.effects.waitUntil(ready)
        : await this.effects.waitUntil(ready, Math.max(reminderAt - this.effects.now(), 1), `login link reminder at ${new Date(reminderAt).toISOString()}`);
    if (state.loginLinkConfirmed) {
      await this.effects.linkLoginInMainSystem({ userId });
      await this.activate();
      return;
    }
    if (woken) return; // a request: the next step handles it, then the wait goes on
    const supervisor = await this.effects.loginLinkSupervisor({ tenantId });
    if (supervisor) {
      // To the supervisor, about this user; a refused supervisor address does not flag the user.
      await this.effects.sendEmail(
        {
          key: `login-link-reminder:${state.consumedInvitationId}`,
          template: 'loginLinkReminder',
          userId: supervisor.userId,
          aboutUserId: userId,
          tenantName: this.input.tenantLabel,
        },
        'login link reminder to the supervisor',
      );
    }
    state.loginLinkRemindedAt = this.effects.now();
    await this.record('linking', 'lifecycle.loginLinkReminded');
  }

  private async activate() {
    const state = this.state;
    state.activatedAt = this.effects.now();
    state.accessValid = true;
    await this.sendEmail('accessReady', `access-ready:${state.consumedInvitationId}`, 'access ready e-mail');
    await this.record('active');
  }

  private async sendEmail(template: LifecycleEmailRequest['template'], key: string, summary: string, extra: { reminderNumber?: number } = {}) {
    const state = this.state;
    const outcome = await this.effects.sendEmail(
      {
        key,
        template,
        userId: this.input.userId,
        tenantName: this.input.tenantLabel,
        invitationId: state.invitationId ?? undefined,
        expiresAt: state.expiresAt ?? undefined,
        accessAt: state.accessAt ?? undefined,
        syncDelayMs: this.input.policy.syncDelayMs,
        ...extra,
      },
      summary,
    );
    if (outcome) {
      // The address is refused for good: stop e-mailing it and show why, so an admin can fix the address.
      state.emailFailing = true;
      state.lastEmailError = outcome.rejected;
      return;
    }
    state.emailsSent += 1;
    state.emailFailing = false;
    state.lastEmailError = null;
  }

  /** A transition: the status operators search by, and MongoDB's projection with its audit event. */
  private async record(status: ActivationStatus, event?: string, from: ActivationStatus = this.state.status) {
    const state = this.state;
    state.status = status;
    state.transitions += 1;
    this.effects.publish(state);
    await this.effects.recordLifecycle({
      userId: this.input.userId,
      tenantId: this.input.tenantId,
      auditKey: this.effects.auditKey(state.transitions),
      event: event ?? `lifecycle.${status}`,
      from,
      state: { ...state },
    });
  }
}
