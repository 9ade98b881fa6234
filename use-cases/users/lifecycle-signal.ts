import { WorkflowNotFoundError } from '@temporalio/client';
import { domainError } from '../../domain/errors.js';

/** The user has no lifecycle running: never started, or ended (deleted, or finished long ago). */
export const hasNoLifecycle = (error: unknown) => error instanceof WorkflowNotFoundError;

/** Sends a signal; a user without a running lifecycle gets NO_LIFECYCLE instead of an internal error. */
export async function signalLifecycle(send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    if (hasNoLifecycle(error)) throw domainError('NO_LIFECYCLE');
    throw error;
  }
}
