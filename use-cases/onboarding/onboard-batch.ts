import type { Actor } from '../../domain/actor.js';
import { domainError, invalidInput } from '../../domain/errors.js';
import { userInputSchema } from '../../domain/user.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { UserLifecycleActions } from '../users/lifecycle-actions.js';
import { onboard } from './onboard.js';

export const BATCH_LIMIT = 1_000;

/** A batch holds at most BATCH_LIMIT items: BATCH_TOO_LARGE, before anything is looked at. */
export function checkBatchSize(items: unknown[]) {
  if (items.length > BATCH_LIMIT)
    throw domainError('BATCH_TOO_LARGE', { fields: [{ path: 'items', message: `${items.length} items; split into calls of at most ${BATCH_LIMIT}` }] });
}

/** One item's outcome: onboarded (created or found), or why not. */
export type BatchItemOutcome = { index: number } & (Awaited<ReturnType<typeof onboard>> | { error: unknown });

const pool = async <T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>) => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
    }),
  );
  return results;
};

/**
 * Each item is validated and onboarded on its own: one bad item does not fail the others, and a
 * fault on our side (Temporal or MongoDB away) fails that item only, for the caller to retry.
 */
export async function onboardBatch(actions: UserLifecycleActions, scope: TenantScope, items: unknown[], actor: Actor): Promise<BatchItemOutcome[]> {
  checkBatchSize(items);
  return pool(items, 8, async (item, index) => {
    try {
      const parsed = userInputSchema.safeParse(item);
      if (!parsed.success) throw invalidInput(parsed.error, 'body');
      return { index, ...(await onboard(actions, scope, parsed.data, actor, { waitForFirstStep: false })) };
    } catch (error) {
      return { index, error };
    }
  });
}
