import type { Fetch } from '../../security/sns-signature.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { confirmSesSubscription } from './confirm-ses-subscription.js';
import { recordEmailEvent } from './record-email-event.js';

/**
 * The e-mail providers' reports (bounces, complaints, SNS subscriptions), bound to the lifecycle's
 * client and to how this process fetches SNS addresses (by default the global fetch, looked up at
 * each call so a test can stand in for the internet).
 */
export function emailEventUseCases(deps: { lifecycle: LifecycleClient; fetch?: Fetch }) {
  const fetch: Fetch = deps.fetch ?? ((url, init) => globalThis.fetch(url, init));
  return {
    record: (event: Parameters<typeof recordEmailEvent>[1], options?: Parameters<typeof recordEmailEvent>[2]) =>
      recordEmailEvent({ lifecycle: deps.lifecycle }, event, options),
    confirmSesSubscription: (message: Parameters<typeof confirmSesSubscription>[1]) => confirmSesSubscription({ fetch }, message),
  };
}

export type EmailEventUseCases = ReturnType<typeof emailEventUseCases>;
