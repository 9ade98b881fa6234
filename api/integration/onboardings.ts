import { z } from 'zod';
import { userInputSchema } from '../../domain/user.js';
import { errorCatalog, localizedMessage } from '../http/error-messages.js';
import { ApiError, validationError } from '../errors.js';
import type { Locale } from '../../domain/locale.js';
import type { Actor } from '../audit.js';
import { createOrFindUser, type NewUser } from '../users/create-user.js';
import { findUserOrFail, type UserLifecycleActions } from '../users/user-actions.js';
import { toOnboardingView, type OnboardingView } from '../users/user-view.js';

export const BATCH_LIMIT = 1_000;

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
  input: NewUser,
  actor: Actor,
  { waitForFirstStep = true } = {},
): Promise<{ status: 200 | 201; body: OnboardingView }> {
  const { user, created } = await createOrFindUser(input, actor);
  const status = created ? 201 : 200;
  if (user.status === 'staged') {
    await actions.startLifecycle(await findUserOrFail(user.id));
    const live = waitForFirstStep ? await actions.liveState(user.id, FIRST_STEP_WAIT_MS) : null;
    return { status, body: live ? toOnboardingView(user, live) : { ...toOnboardingView(user, null), source: 'starting' } };
  }
  return { status, body: toOnboardingView(user, null) };
}

export const batchItemResult = z
  .object({
    index: z.number().int(),
    status: z.number().int().meta({ description: '201 created, 200 found (already onboarded), or the error status' }),
    onboarding: z.unknown().optional(),
    error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })) }).optional(),
  })
  .meta({ id: 'BatchItemResult' });
export type BatchItemResult = z.infer<typeof batchItemResult>;

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

/** Each item is validated and onboarded on its own: one bad item does not fail the others. */
export async function onboardBatch(actions: UserLifecycleActions, items: unknown[], actor: Actor, locale: Locale): Promise<BatchItemResult[]> {
  return pool(items, 8, async (item, index) => {
    try {
      const parsed = userInputSchema.safeParse(item);
      if (!parsed.success) throw validationError(parsed.error, 'body');
      const { status, body } = await onboard(actions, parsed.data, actor, { waitForFirstStep: false });
      return { index, status, onboarding: body };
    } catch (error) {
      // A fault on our side (Temporal or MongoDB away) fails this item only; the caller retries it.
      if (!(error instanceof ApiError)) return { index, status: 500, error: { code: 'INTERNAL', message: errorCatalog.INTERNAL[locale], fields: [] } };
      return { index, status: error.status, error: { code: error.code, message: localizedMessage(error, locale), fields: error.fields } };
    }
  });
}
