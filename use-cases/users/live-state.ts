import type { Client } from '@temporalio/client';
import type { LifecycleState } from '../../domain/lifecycle.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';

/** Live state while the workflow answers (within `deadlineMs`), else null and the caller falls back to MongoDB. */
export async function liveState(deps: { temporal: Client; lifecycle: LifecycleClient }, userId: string, deadlineMs = 3_000): Promise<LifecycleState | null> {
  try {
    return await deps.temporal.withDeadline(Date.now() + deadlineMs, () => deps.lifecycle.state(userId));
  } catch {
    return null;
  }
}
