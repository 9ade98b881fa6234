import type { Client } from '@temporalio/client';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { UserRecord } from '../../data/users.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { onboardingStatus } from '../onboarding/onboarding-status.js';
import { confirmLoginLink } from './confirm-login-link.js';
import { deactivateUser } from './deactivate-user.js';
import { deleteUser } from './delete-user.js';
import { inviteUser } from './invite-user.js';
import { liveState } from './live-state.js';
import { reactivateUser } from './reactivate-user.js';
import { resendInvitation } from './resend-invitation.js';
import { startLifecycle } from './start-lifecycle.js';

export interface UserLifecycleDeps {
  temporal: Client;
  lifecycle: LifecycleClient;
  /** The lifecycle task queue, where webhook deliveries (user.deleted) run. */
  taskQueue: string;
}

/**
 * The user use-cases that talk to a user's lifecycle, bound to the process's Temporal client (by
 * createUseCases, use-cases/index.ts) for the factory and for the use-cases that drive lifecycles
 * themselves (onboarding, SCIM). Each lives in its own file here; they ask the workflow to act
 * (signals) and never write a status behind its back.
 */
export function userLifecycleActions(deps: UserLifecycleDeps) {
  const { lifecycle } = deps;
  return {
    /** Takes a user record its caller already found within its scope. */
    startLifecycle: (user: UserRecord) => startLifecycle(lifecycle, user),
    invite: (scope: TenantScope, userId: string, actor: Actor) => inviteUser(lifecycle, scope, userId, actor),
    resend: (scope: TenantScope, userId: string, actor: Actor) => resendInvitation(lifecycle, scope, userId, actor),
    deactivate: (scope: TenantScope, userId: string, actor: Actor, reason?: string) => deactivateUser(lifecycle, scope, userId, actor, reason),
    reactivate: (scope: TenantScope, userId: string, actor: Actor) => reactivateUser(lifecycle, scope, userId, actor),
    confirmLoginLink: (scope: TenantScope, userId: string, actor: Actor) => confirmLoginLink(lifecycle, scope, userId, actor),
    liveState: (scope: TenantScope, userId: string, deadlineMs?: number) => liveState(deps, scope, userId, deadlineMs),
    onboardingStatus: (scope: TenantScope, userId: string) => onboardingStatus(deps, scope, userId),
    deleteUser: (scope: TenantScope, userId: string, actor: Actor) => deleteUser(deps, scope, userId, actor),
  };
}

export type UserLifecycleActions = ReturnType<typeof userLifecycleActions>;
