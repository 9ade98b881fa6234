import type { Client } from '@temporalio/client';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { findUserOrFail } from '../users/find-user.js';
import { liveState } from '../users/live-state.js';
import { toOnboardingView, toUserView } from '../users/user-view.js';

/** Status and timestamps of an onboarding, live from the workflow while it answers, else as last stored. */
export async function onboardingStatus(deps: { temporal: Client; lifecycle: LifecycleClient }, scope: TenantScope, userId: string) {
  const user = toUserView(await findUserOrFail(scope, userId));
  return toOnboardingView(user, await liveState(deps, scope, userId));
}
