import type { ActivationStatus } from '../domain/activation-status.js';
import type { WebhookEventType } from '../domain/webhook-events.js';
import { publishEvent, type PublishDeps } from './publish.js';

/** What the lifecycle's projection activity knows about one transition (activities/projection.ts). */
export interface LifecycleTransition {
  /** `lifecycle.<name>`, with `: <reason>` after a deactivation's name (workflows/user-lifecycle.ts). */
  event: string;
  from: ActivationStatus;
  state: { status: ActivationStatus; emailFailing: boolean; lastEmailError: string | null; remindersSent: number };
  /** First run id + transition number: the same on every retry of the transition's activity. */
  auditKey: string;
}

export interface LifecycleWebhookEvent {
  key: string;
  type: WebhookEventType;
  /** Added to the event's data. */
  details: Record<string, unknown>;
}

/**
 * The webhook events of one lifecycle transition, read from the projection activity's input so
 * the workflow itself does not change. The first event's key is the transition's audit key; a
 * second event of the same transition gets the key with its type appended. Transitions that are
 * not listed (a change of e-mail while inactive, steps added later) send nothing.
 *
 * `user.email_failed` follows every transition that just sent an e-mail and found the address
 * refused: each such transition sends one (the lifecycle sets `emailFailing` right after the
 * e-mail, before recording), so a refusal is reported once per e-mail, from the input alone,
 * whatever the retries of the activity. A provider's late report (`lifecycle.emailFailed`, a
 * transition of its own) sends one too.
 */
export function lifecycleWebhookEvents(transition: LifecycleTransition): LifecycleWebhookEvent[] {
  const [name = '', ...reasonParts] = transition.event.split(': ');
  const reason = reasonParts.join(': ') || null;
  const { status } = transition.state;
  const events: Omit<LifecycleWebhookEvent, 'key'>[] = [];
  let sentEmail = false;

  switch (name) {
    case 'lifecycle.invited':
    case 'lifecycle.resent':
      events.push({ type: 'user.invited', details: { reason: name === 'lifecycle.invited' ? 'invited' : 'resent' } });
      sentEmail = true;
      break;
    case 'lifecycle.emailChanged':
      // While inactive the old link only dies; the new address is invited on reactivation.
      if (status === 'invited') {
        events.push({ type: 'user.invited', details: { reason: 'emailChanged' } });
        sentEmail = true;
      }
      break;
    case 'lifecycle.reminded':
      events.push({ type: 'user.reminded', details: { remindersSent: transition.state.remindersSent } });
      sentEmail = true;
      break;
    case 'lifecycle.registered':
      events.push({ type: 'user.registered', details: {} });
      break;
    case 'lifecycle.active':
      events.push({ type: 'user.activated', details: {} });
      sentEmail = true; // the "access ready" e-mail
      break;
    case 'lifecycle.expired':
      events.push({ type: 'user.expired', details: {} });
      break;
    case 'lifecycle.inactive':
      events.push({ type: 'user.deactivated', details: { reason } });
      break;
    case 'lifecycle.emailFailed':
      // An e-mail provider reported a hard bounce or a complaint after accepting the e-mail.
      sentEmail = true;
      break;
    case 'lifecycle.reactivated':
      events.push({ type: 'user.reactivated', details: {} });
      // Reactivated without valid access: a new invitation went out.
      if (status === 'invited') {
        events.push({ type: 'user.invited', details: { reason: 'reactivated' } });
        sentEmail = true;
      }
      break;
  }
  if (sentEmail && transition.state.emailFailing) events.push({ type: 'user.email_failed', details: { error: transition.state.lastEmailError } });
  return events.map((event, index) => ({ ...event, key: index === 0 ? transition.auditKey : `${transition.auditKey}:${event.type}` }));
}

/**
 * Publishes the transition's events with what receivers need to find the user on their side
 * (ids, e-mail, name, code, external id) and the statuses; never a token or an invitation id.
 */
export async function publishLifecycleEvents(
  deps: PublishDeps,
  transition: LifecycleTransition & { userId: string; tenantId: string },
  user: { name?: string | null; email?: string | null; code?: number | null; externalId?: string | null } | null,
) {
  for (const event of lifecycleWebhookEvents(transition)) {
    await publishEvent(deps, {
      key: event.key,
      type: event.type,
      tenantId: transition.tenantId,
      data: {
        userId: transition.userId,
        tenantId: transition.tenantId,
        email: user?.email ?? null,
        name: user?.name ?? null,
        code: user?.code ?? null,
        externalId: user?.externalId ?? null,
        status: transition.state.status,
        previousStatus: transition.from,
        ...event.details,
      },
    });
  }
}
