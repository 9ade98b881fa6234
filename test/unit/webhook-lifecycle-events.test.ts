import { describe, expect, it } from 'vitest';
import type { ActivationStatus } from '../../domain/activation-status.js';
import { lifecycleWebhookEvents } from '../../webhooks/lifecycle-events.js';

const transition = (
  event: string,
  status: ActivationStatus,
  from: ActivationStatus,
  extra: { emailFailing?: boolean; lastEmailError?: string; remindersSent?: number } = {},
) =>
  lifecycleWebhookEvents({
    event,
    from,
    auditKey: 'run-1:7',
    state: { status, emailFailing: extra.emailFailing ?? false, lastEmailError: extra.lastEmailError ?? null, remindersSent: extra.remindersSent ?? 0 },
  });
const types = (events: ReturnType<typeof lifecycleWebhookEvents>) => events.map((event) => event.type);

/** The projection activity's transitions (workflows/user-lifecycle.ts) and the events they announce. */
describe('lifecycle transitions as webhook events', () => {
  it('maps each transition to its event, keyed by the audit key', () => {
    expect(transition('lifecycle.invited', 'invited', 'staged')).toEqual([{ key: 'run-1:7', type: 'user.invited', details: { reason: 'invited' } }]);
    expect(transition('lifecycle.resent', 'invited', 'expired')).toEqual([{ key: 'run-1:7', type: 'user.invited', details: { reason: 'resent' } }]);
    expect(transition('lifecycle.emailChanged', 'invited', 'active')).toEqual([{ key: 'run-1:7', type: 'user.invited', details: { reason: 'emailChanged' } }]);
    expect(transition('lifecycle.reminded', 'invited', 'invited', { remindersSent: 2 })).toEqual([
      { key: 'run-1:7', type: 'user.reminded', details: { remindersSent: 2 } },
    ]);
    expect(types(transition('lifecycle.registered', 'registered', 'invited'))).toEqual(['user.registered']);
    expect(types(transition('lifecycle.active', 'active', 'registered'))).toEqual(['user.activated']);
    expect(types(transition('lifecycle.expired', 'expired', 'invited'))).toEqual(['user.expired']);
    expect(transition('lifecycle.inactive', 'inactive', 'active')).toEqual([{ key: 'run-1:7', type: 'user.deactivated', details: { reason: null } }]);
    expect(transition('lifecycle.inactive: left: the company', 'inactive', 'active')[0]?.details).toEqual({ reason: 'left: the company' });
    expect(types(transition('lifecycle.reactivated', 'active', 'inactive'))).toEqual(['user.reactivated']);
  });

  it('announces the new invitation of a reactivation too, under its own key', () => {
    expect(transition('lifecycle.reactivated', 'invited', 'inactive')).toEqual([
      { key: 'run-1:7', type: 'user.reactivated', details: {} },
      { key: 'run-1:7:user.invited', type: 'user.invited', details: { reason: 'reactivated' } },
    ]);
  });

  it('reports a refused address after a transition that sent an e-mail, not after others', () => {
    const failing = { emailFailing: true, lastEmailError: '550 no such user' };
    expect(transition('lifecycle.invited', 'invited', 'staged', failing)).toEqual([
      { key: 'run-1:7', type: 'user.invited', details: { reason: 'invited' } },
      { key: 'run-1:7:user.email_failed', type: 'user.email_failed', details: { error: '550 no such user' } },
    ]);
    expect(types(transition('lifecycle.active', 'active', 'registered', failing))).toEqual(['user.activated', 'user.email_failed']);
    // Still flagged from an earlier e-mail: these transitions sent none.
    expect(types(transition('lifecycle.expired', 'expired', 'invited', failing))).toEqual(['user.expired']);
    expect(types(transition('lifecycle.registered', 'registered', 'invited', failing))).toEqual(['user.registered']);
    expect(types(transition('lifecycle.reactivated', 'active', 'inactive', failing))).toEqual(['user.reactivated']);
  });

  it("reports an e-mail provider's late bounce or complaint as its own transition", () => {
    expect(transition('lifecycle.emailFailed', 'invited', 'invited', { emailFailing: true, lastEmailError: 'markedAsSpam: abuse' })).toEqual([
      { key: 'run-1:7', type: 'user.email_failed', details: { error: 'markedAsSpam: abuse' } },
    ]);
  });

  it('announces nothing for a change of e-mail while inactive, or for steps it does not know', () => {
    expect(transition('lifecycle.emailChanged', 'inactive', 'inactive')).toEqual([]);
    expect(transition('lifecycle.linking', 'linking', 'registered')).toEqual([]);
  });
});
