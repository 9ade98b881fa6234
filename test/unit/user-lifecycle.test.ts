import { describe, expect, it } from 'vitest';
import { registerRejections, type LifecycleRequest, type UserActivationInput } from '../../domain/lifecycle.js';
import { LOGIN_LINK_REQUEST_PATCH, RegistrationRefused, UserLifecycle, type LifecycleEffects } from '../../workflows/user-lifecycle.js';

const MINUTE = 60_000;
const policy = { syncDelayMs: 5 * MINUTE, reminderOffsetsMs: [60 * MINUTE, 180 * MINUTE], invitationTtlMs: 420 * MINUTE, reminderSpreadMs: 0 };
const input: UserActivationInput = { userId: 'u1', tenantId: 't1', userLabel: 'Ana (ana@example.test)', tenantLabel: 'Acme', policy };

/**
 * The machine with plain effects: a clock, ids, and a log of what it did. A wait whose condition
 * does not hold lets its timer fire (the clock jumps), so each step() is one transition.
 */
function machine(
  options: {
    rejectEmails?: boolean;
    requiresLoginLink?: boolean;
    linkEndpoints?: number;
    /** Replaying a history recorded before every patch, or (a list) before all but these. */
    replaying?: boolean | string[];
    /** The confirmation arrives while the link request is on its way. */
    confirmDuringRequest?: boolean;
    /** What happens in the world while an effect is on its way (a registration, a request handled by the main loop). */
    during?: { email?: (key: string) => Promise<void>; close?: (reason: string) => Promise<void>; consume?: () => Promise<void> };
    carried?: Partial<UserActivationInput>;
  } = {},
) {
  let clock = 1_000_000;
  let ids = 0;
  const did: string[] = [];
  const events: string[] = [];
  const effects: LifecycleEffects = {
    now: () => clock,
    newInvitationId: () => `inv-${++ids}`,
    async waitUntil(ready, timeoutMs) {
      if (ready()) return true;
      if (timeoutMs === undefined) throw new Error('would wait for ever');
      clock += timeoutMs;
      return false;
    },
    publish: (state) => void did.push(`publish ${state.status}`),
    auditKey: (transition) => `run-1:${transition}`,
    patched: (id) => (Array.isArray(options.replaying) ? options.replaying.includes(id) : !options.replaying),
    async sendEmail(request) {
      did.push(`email ${request.key}`);
      await options.during?.email?.(request.key);
      return options.rejectEmails ? { rejected: '550 mailbox unavailable' } : undefined;
    },
    recordLifecycle: async (record) => void events.push(`${record.from}→${record.state.status} ${record.event} (${record.auditKey})`),
    openInvitation: async ({ invitationId }) => void did.push(`open ${invitationId}`),
    closeInvitations: async ({ reason }) => {
      did.push(`close ${reason}`);
      await options.during?.close?.(reason);
    },
    consumeInvitation: async ({ invitationId }) => {
      did.push(`consume ${invitationId}`);
      await options.during?.consume?.();
    },
    grantAccess: async () => (did.push('grant'), { requiresLoginLink: options.requiresLoginLink ?? false }),
    linkLoginInMainSystem: async () => void did.push('link login'),
    async requestLoginLink({ key }) {
      did.push(`request link ${key}`);
      if (options.confirmDuringRequest) lifecycle.confirmLoginLink();
      return { endpoints: options.linkEndpoints ?? 0 };
    },
    loginLinkSupervisor: async () => ({ userId: 'supervisor-1' }),
  };
  const lifecycle = new UserLifecycle({ ...input, ...options.carried }, effects);
  return { lifecycle, did, events, now: () => clock, send: (request: LifecycleRequest) => lifecycle.receive(request) };
}

const refusal = (act: () => void) => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(RegistrationRefused);
    return (error as RegistrationRefused).code;
  }
  return 'accepted';
};

describe('UserLifecycle', () => {
  it('staged → invited: opens the link, sends the invitation, schedules the first reminder', async () => {
    const { lifecycle, did, events, now } = machine();
    await lifecycle.start();
    expect(did).toEqual(['open inv-1', 'email invitation:inv-1', 'publish invited']);
    expect(events).toEqual(['staged→invited lifecycle.invited (run-1:1)']);
    expect(lifecycle.state).toMatchObject({
      status: 'invited',
      invitationId: 'inv-1',
      invitationsSent: 1,
      expiresAt: now() + policy.invitationTtlMs,
      nextReminderAt: now() + 60 * MINUTE,
    });
  });

  it('invited: reminders at their offsets, then the expiry closes the link', async () => {
    const { lifecycle, did, events } = machine();
    await lifecycle.start();
    const invitedAt = lifecycle.state.invitedAt!;
    await lifecycle.step();
    expect(did.at(-2)).toBe('email reminder:inv-1:1');
    expect(lifecycle.state).toMatchObject({ status: 'invited', remindersSent: 1, nextReminderAt: invitedAt + 180 * MINUTE });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ remindersSent: 2, nextReminderAt: null });
    await lifecycle.step();
    expect(did.slice(-2)).toEqual(['close expired', 'publish expired']);
    expect(lifecycle.state).toMatchObject({ status: 'expired', expiredAt: invitedAt + policy.invitationTtlMs });
    expect(events.map((event) => event.split(' ')[1])).toEqual(['lifecycle.invited', 'lifecycle.reminded', 'lifecycle.reminded', 'lifecycle.expired']);
  });

  it('validates a registration against the state: used, superseded, expired, inactive, not invited', async () => {
    const { lifecycle, send } = machine();
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-1' }))).toBe(registerRejections.superseded);
    await lifecycle.start();
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-1' }))).toBe('accepted');
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'someone-else' }))).toBe(registerRejections.superseded);

    send({ type: 'resend' });
    await lifecycle.step();
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-1' }))).toBe(registerRejections.superseded);
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-2' }))).toBe('accepted');

    // Two submissions of one link: the first claims the state before its first await.
    const first = lifecycle.register({ invitationId: 'inv-2', submissionId: 's1' });
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-2' }))).toBe(registerRejections.used);
    await first;

    send({ type: 'deactivate' });
    await lifecycle.step();
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-3' }))).toBe(registerRejections.wrongState);
  });

  it('refuses a link whose expiry passed even before the expiry timer fired', async () => {
    const { lifecycle } = machine({ carried: { policy: { ...policy, reminderOffsetsMs: [] } } });
    await lifecycle.start();
    lifecycle.state.expiresAt = lifecycle.state.invitedAt!; // the clock is at the expiry
    expect(refusal(() => lifecycle.validateRegistration({ invitationId: 'inv-1' }))).toBe(registerRejections.expired);
  });

  it('registered: the sync delay, access, the login link where the plan has it, the access e-mail', async () => {
    const { lifecycle, did, events } = machine({ requiresLoginLink: true });
    await lifecycle.start();
    const result = await lifecycle.register({ invitationId: 'inv-1' });
    expect(result.accessAt - result.registeredAt).toBe(policy.syncDelayMs);
    expect(lifecycle.state).toMatchObject({ status: 'registered', consumedInvitationId: 'inv-1', nextReminderAt: null });
    await lifecycle.step();
    // No main system listening (no webhook endpoint): the office confirms in the console; until then, linking.
    expect(did.slice(-4)).toEqual(['publish registered', 'grant', 'request link login-link:inv-1', 'publish linking']);
    expect(lifecycle.state).toMatchObject({ status: 'linking', accessValid: false, loginLinkConfirmed: false });
    expect(events.at(-1)).toBe('registered→linking lifecycle.loginLinkRequested (run-1:3)');
    lifecycle.confirmLoginLink();
    await lifecycle.step();
    expect(did.slice(-3)).toEqual(['link login', 'email access-ready:inv-1', 'publish active']);
    expect(lifecycle.state).toMatchObject({ status: 'active', accessValid: true });
    expect(events.at(-1)).toBe('linking→active lifecycle.active (run-1:4)');
  });

  it('a deactivation during the sync delay wins; reactivation invites again (access was never granted)', async () => {
    const { lifecycle, did, send } = machine();
    await lifecycle.start();
    await lifecycle.register({ invitationId: 'inv-1' });
    send({ type: 'deactivate', reason: 'left the company' });
    await lifecycle.step();
    expect(did).not.toContain('grant');
    expect(lifecycle.state).toMatchObject({ status: 'inactive', invitationId: null, nextReminderAt: null });
    send({ type: 'deactivate' }); // twice: nothing more
    await lifecycle.step();
    expect(did.filter((effect) => effect === 'close revoked')).toHaveLength(1);
    send({ type: 'reactivate' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ status: 'invited', invitationId: 'inv-2', invitationsSent: 2, deactivatedAt: null });
  });

  it('active: reactivation restores access without a new invitation; a new e-mail needs a new registration', async () => {
    const { lifecycle, send, events } = machine();
    await lifecycle.start();
    await lifecycle.register({ invitationId: 'inv-1' });
    await lifecycle.step();
    send({ type: 'resend' }); // nothing to resend once active
    send({ type: 'deactivate' });
    send({ type: 'reactivate' });
    for (let i = 0; i < 3; i++) await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ status: 'active', invitationsSent: 1 });
    expect(events.at(-1)).toContain('inactive→active lifecycle.reactivated');

    send({ type: 'emailChanged' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ status: 'invited', invitationId: 'inv-2', accessValid: false });
  });

  it('a change of e-mail while inactive kills the old link now and invites on reactivation', async () => {
    const { lifecycle, did, events, send } = machine();
    await lifecycle.start();
    send({ type: 'deactivate' });
    send({ type: 'emailChanged' });
    await lifecycle.step();
    await lifecycle.step();
    expect(did.slice(-2)).toEqual(['close superseded', 'publish inactive']);
    expect(lifecycle.state).toMatchObject({ status: 'inactive', invitationId: null });
    send({ type: 'reactivate' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ status: 'invited', invitationId: 'inv-2' });
    expect(events.at(-1)).toBe('inactive→invited lifecycle.reactivated (run-1:4)');
  });

  it('an address refused for good: flagged, no reminders, and cleared by the next e-mail that goes out', async () => {
    const { lifecycle } = machine({ rejectEmails: true });
    await lifecycle.start();
    expect(lifecycle.state).toMatchObject({
      status: 'invited',
      emailFailing: true,
      lastEmailError: '550 mailbox unavailable',
      nextReminderAt: null,
      emailsSent: 0,
    });
    // With no reminder due, the next wait ends at the expiry.
    await lifecycle.step();
    expect(lifecycle.state.status).toBe('expired');
  });

  it("a provider's late bounce or complaint: flagged and no more reminders; a repeat, or one about an earlier invitation, changes nothing", async () => {
    const { lifecycle, send, events, did } = machine();
    await lifecycle.start();
    expect(lifecycle.state.nextReminderAt).not.toBeNull();
    const bounce = { type: 'emailFailed', emailKey: 'invitation:inv-1', error: 'mailboxDoesNotExist: smtp; 550 5.1.1 user unknown' } as const;
    send(bounce);
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ status: 'invited', emailFailing: true, lastEmailError: bounce.error, nextReminderAt: null });
    expect(events.at(-1)).toBe('invited→invited lifecycle.emailFailed (run-1:2)');
    // The same report again (a provider retrying), and one about an e-mail of no current invitation: nothing.
    send(bounce);
    send({ type: 'emailFailed', emailKey: 'invitation:inv-0', error: 'markedAsSpam: abuse' });
    await lifecycle.step();
    await lifecycle.step();
    expect(events).toHaveLength(2);
    // No reminder: the next wait ends at the expiry.
    await lifecycle.step();
    expect(lifecycle.state.status).toBe('expired');
    expect(did.filter((effect) => effect.startsWith('email reminder'))).toEqual([]);
  });

  it("a fixed address clears a provider's report and invites again, with its reminders; reports on the old address change nothing", async () => {
    const { lifecycle, send } = machine();
    await lifecycle.start();
    send({ type: 'emailFailed', emailKey: 'reminder:inv-1:1', error: 'markedAsSpam: abuse' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ emailFailing: true, lastEmailError: 'markedAsSpam: abuse' });
    send({ type: 'emailChanged' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ invitationId: 'inv-2', emailFailing: false, lastEmailError: null });
    expect(lifecycle.state.nextReminderAt).not.toBeNull();
    send({ type: 'emailFailed', emailKey: 'invitation:inv-1', error: 'mailboxDoesNotExist: late' });
    await lifecycle.step();
    expect(lifecycle.state).toMatchObject({ emailFailing: false, lastEmailError: null });
  });

  it('continues where it was after continue-as-new: state and queued requests carried', async () => {
    const first = machine();
    await first.lifecycle.start();
    first.send({ type: 'resend' });
    const next = machine({ carried: { carried: { ...first.lifecycle.state }, carriedRequests: [...first.lifecycle.inbox] } });
    await next.lifecycle.start();
    expect(next.did).toEqual([]);
    await next.lifecycle.step();
    expect(next.lifecycle.state).toMatchObject({ status: 'invited', invitationsSent: 2 });
    expect(next.did[0]).toBe('close superseded');
  });

  describe('the main-system login link step', () => {
    const untilLinking = async (options: Parameters<typeof machine>[0]) => {
      const m = machine({ requiresLoginLink: true, ...options });
      await m.lifecycle.start();
      await m.lifecycle.register({ invitationId: 'inv-1' });
      await m.lifecycle.step();
      return m;
    };

    it('asks the main system, waits in linking, and activates when it confirms', async () => {
      const { lifecycle, did, events } = await untilLinking({ linkEndpoints: 1 });
      expect(did.slice(-3)).toEqual(['grant', 'request link login-link:inv-1', 'publish linking']);
      expect(lifecycle.state).toMatchObject({ status: 'linking', accessValid: false, loginLinkConfirmed: false });
      expect(events.at(-1)).toContain('registered→linking lifecycle.loginLinkRequested');
      lifecycle.confirmLoginLink();
      await lifecycle.step();
      expect(did.slice(-3)).toEqual(['link login', 'email access-ready:inv-1', 'publish active']);
      expect(lifecycle.state).toMatchObject({ status: 'active', accessValid: true });
    });

    it('reminds the supervisor once when the confirmation is late, then keeps waiting', async () => {
      const { lifecycle, did, events, now } = await untilLinking({ linkEndpoints: 1 });
      const requestedAt = lifecycle.state.loginLinkRequestedAt!;
      await lifecycle.step();
      expect(did.slice(-2)).toEqual(['email login-link-reminder:inv-1', 'publish linking']);
      expect(now()).toBe(requestedAt + 86_400_000);
      expect(events.at(-1)).toContain('linking→linking lifecycle.loginLinkReminded');
      // Reminded: the next wait has no timer (the fake refuses to wait for ever without a confirmation).
      await expect(lifecycle.step()).rejects.toThrow('would wait for ever');
      lifecycle.confirmLoginLink();
      await lifecycle.step();
      expect(lifecycle.state.status).toBe('active');
      expect(did.filter((effect) => effect.startsWith('email login-link-reminder'))).toHaveLength(1);
    });

    it('a deactivation while waiting wins; nothing is linked', async () => {
      const { lifecycle, did, send } = await untilLinking({ linkEndpoints: 2 });
      send({ type: 'deactivate' });
      await lifecycle.step();
      expect(lifecycle.state.status).toBe('inactive');
      expect(did).not.toContain('link login');
    });

    it('without an endpoint waits for the office: never completes alone, even after its supervisor was reminded', async () => {
      const { lifecycle, did } = await untilLinking({ linkEndpoints: 0 });
      expect(lifecycle.state.status).toBe('linking');
      await lifecycle.step(); // the day passes: the supervisor is reminded
      await expect(lifecycle.step()).rejects.toThrow('would wait for ever');
      expect(lifecycle.state.status).toBe('linking');
      expect(did).not.toContain('link login');
      expect(did).toContain('email login-link-reminder:inv-1');
    });

    it('keeps a confirmation that arrives while the link is being requested', async () => {
      const { lifecycle, did } = await untilLinking({ linkEndpoints: 1, confirmDuringRequest: true });
      expect(lifecycle.state).toMatchObject({ status: 'linking', loginLinkConfirmed: true });
      await lifecycle.step();
      expect(did.slice(-3)).toEqual(['link login', 'email access-ready:inv-1', 'publish active']);
    });

    it('a new registration needs a new confirmation', async () => {
      const { lifecycle, send } = await untilLinking({ linkEndpoints: 1 });
      lifecycle.confirmLoginLink();
      await lifecycle.step();
      expect(lifecycle.state.status).toBe('active');
      send({ type: 'emailChanged' });
      await lifecycle.step();
      await lifecycle.register({ invitationId: 'inv-2' });
      await lifecycle.step();
      expect(lifecycle.state).toMatchObject({ status: 'linking', loginLinkConfirmed: false });
    });

    it('replays lifecycles recorded before the step always waited: those recorded the link alone, or lost a confirmation during the request', async () => {
      // Before the main system was asked at all: the link recorded here, no request.
      const before = await untilLinking({ linkEndpoints: 1, replaying: true });
      expect(before.did).toContain('link login');
      expect(before.did.some((effect) => effect.startsWith('request link'))).toBe(false);
      // Asked, but with nobody listening the link was recorded here.
      const alone = await untilLinking({ linkEndpoints: 0, replaying: [LOGIN_LINK_REQUEST_PATCH] });
      expect(alone.did.slice(-5)).toEqual(['grant', 'request link login-link:inv-1', 'link login', 'email access-ready:inv-1', 'publish active']);
      // Asked and heard: a confirmation during the request was wiped, as it was then.
      const lost = await untilLinking({ linkEndpoints: 1, confirmDuringRequest: true, replaying: [LOGIN_LINK_REQUEST_PATCH] });
      expect(lost.lifecycle.state).toMatchObject({ status: 'linking', loginLinkConfirmed: false });
    });
  });
  describe('a registration overlapping another transition', () => {
    // The register Update runs beside the main loop: while one of the loop's effects is on its way,
    // a registration can be accepted, and while a registration consumes its invitation the loop can
    // handle a request. Whichever finishes last used to overwrite the other's status.
    const registerDuring = (onKey: string) => {
      const m: { lifecycle?: UserLifecycle } = {};
      const during = {
        async email(key: string) {
          if (key !== onKey) return;
          m.lifecycle!.validateRegistration({ invitationId: 'inv-1' });
          await m.lifecycle!.register({ invitationId: 'inv-1' });
        },
      };
      return { m, during };
    };

    it("while the invitation's e-mail is on its way (a resend after a worker died): the registration stands and access follows", async () => {
      const { m, during } = registerDuring('invitation:inv-1');
      const { lifecycle, did, events } = machine({ during });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      expect(lifecycle.state).toMatchObject({ status: 'registered', consumedInvitationId: 'inv-1', nextReminderAt: null, emailsSent: 1 });
      expect(events).toEqual(['invited→registered lifecycle.registered (run-1:1)', 'staged→registered lifecycle.invited (run-1:2)']);
      await lifecycle.step();
      expect(lifecycle.state.status).toBe('active');
      expect(did.slice(-3)).toEqual(['grant', 'email access-ready:inv-1', 'publish active']);
    });

    it('while a reminder is on its way: the registration stands, no further reminder is scheduled', async () => {
      const { m, during } = registerDuring('reminder:inv-1:1');
      const { lifecycle, events } = machine({ during });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      await lifecycle.step();
      expect(lifecycle.state).toMatchObject({ status: 'registered', remindersSent: 1, nextReminderAt: null });
      expect(events.slice(-2)).toEqual(['invited→registered lifecycle.registered (run-1:2)', 'registered→registered lifecycle.reminded (run-1:3)']);
      await lifecycle.step();
      expect(lifecycle.state.status).toBe('active');
    });

    it('a history recorded before the change replays as it ran (the account back to invited)', async () => {
      const { m, during } = registerDuring('invitation:inv-1');
      const { lifecycle, events } = machine({ during, replaying: true });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      expect(lifecycle.state.status).toBe('invited');
      expect(events.at(-1)).toBe('staged→invited lifecycle.invited (run-1:2)');
    });

    it('a deactivation handled while the invitation is consumed stands: the registration is refused, no access after it', async () => {
      const m: { lifecycle?: UserLifecycle } = {};
      const during = {
        async consume() {
          m.lifecycle!.receive({ type: 'deactivate', reason: 'left the office' });
          await m.lifecycle!.step();
        },
      };
      const { lifecycle, events } = machine({ during });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      const refused = await lifecycle.register({ invitationId: 'inv-1' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RegistrationRefused);
      expect((refused as RegistrationRefused).code).toBe(registerRejections.wrongState);
      expect(lifecycle.state.status).toBe('inactive');
      expect(events.at(-1)).toBe('registered→inactive lifecycle.inactive: left the office (run-1:2)');
      expect(events.some((event) => event.includes('lifecycle.registered'))).toBe(false);
    });

    it('a change of e-mail handled while the invitation is consumed stands: the new address is invited, the registration refused as superseded', async () => {
      const m: { lifecycle?: UserLifecycle } = {};
      const during = {
        async consume() {
          m.lifecycle!.receive({ type: 'emailChanged' });
          await m.lifecycle!.step();
        },
      };
      const { lifecycle } = machine({ during });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      const refused = await lifecycle.register({ invitationId: 'inv-1' }).catch((error: unknown) => error);
      expect((refused as RegistrationRefused).code).toBe(registerRejections.superseded);
      expect(lifecycle.state).toMatchObject({ status: 'invited', invitationId: 'inv-2' });
    });

    it('a registration arriving while a deactivation closes the links is refused', async () => {
      const m: { lifecycle?: UserLifecycle; refused?: string } = {};
      const during = {
        async close(reason: string) {
          if (reason === 'revoked') m.refused = refusal(() => m.lifecycle!.validateRegistration({ invitationId: 'inv-1' }));
        },
      };
      const { lifecycle, events } = machine({ during });
      m.lifecycle = lifecycle;
      await lifecycle.start();
      lifecycle.receive({ type: 'deactivate' });
      await lifecycle.step();
      expect(m.refused).toBe(registerRejections.wrongState);
      expect(events.at(-1)).toBe('invited→inactive lifecycle.inactive (run-1:2)');
    });
  });
});
