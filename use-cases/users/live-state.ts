import type { Client } from '@temporalio/client';
import type { LifecycleState } from '../../domain/lifecycle.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';

/**
 * Live state while the workflow answers (within `deadlineMs`), else null and the caller falls back
 * to MongoDB. USER_NOT_FOUND for a user out of scope: the workflow is asked only about a user the caller reaches.
 */
export async function liveState(
  deps: { temporal: Client; lifecycle: LifecycleClient },
  scope: TenantScope,
  userId: string,
  deadlineMs = 3_000,
): Promise<LifecycleState | null> {
  await findUserOrFail(scope, userId);
  try {
    return await deps.temporal.withDeadline(Date.now() + deadlineMs, () => deps.lifecycle.state(userId));
  } catch {
    return null;
  }
}
