import type { Actor } from '../../domain/actor.js';
import type { OnboardingView } from '../../domain/onboarding.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { createOrFindUser, type NewUser } from '../users/create-user.js';
import { findUserOrFail } from '../users/find-user.js';
import type { UserLifecycleActions } from '../users/lifecycle-actions.js';
import { toOnboardingView } from '../users/user-view.js';

/** How long a single onboarding waits for its new lifecycle to take its first step before answering "starting". */
const FIRST_STEP_WAIT_MS = 1_500;

/**
 * Creates the user (or finds the one an earlier identical trigger created) and starts its
 * lifecycle. Starting is idempotent (workflow id from the user id), so a repeated trigger never
 * sends a second invitation. A user excluded in the migration review stays as it is.
 *
 * The answer says where the lifecycle is: live from the workflow (`invited` once its first step
 * ran) or, while no worker has taken it yet, `source: "starting"`. A batch does not wait for each
 * item's workflow (`waitForFirstStep: false`): its items answer "starting" right away.
 */
export async function onboard(
  actions: UserLifecycleActions,
  scope: TenantScope,
  input: NewUser,
  actor: Actor,
  { waitForFirstStep = true } = {},
): Promise<{ created: boolean; onboarding: OnboardingView }> {
  const { user, created } = await createOrFindUser(scope, input, actor);
  if (user.status !== 'staged') return { created, onboarding: toOnboardingView(user, null) };
  await actions.startLifecycle(await findUserOrFail(scope, user.id));
  const live = waitForFirstStep ? await actions.liveState(scope, user.id, FIRST_STEP_WAIT_MS) : null;
  return { created, onboarding: live ? toOnboardingView(user, live) : { ...toOnboardingView(user, null), source: 'starting' } };
}
