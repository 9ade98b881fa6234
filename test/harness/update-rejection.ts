import { WorkflowUpdateFailedError } from '@temporalio/client';
import { expect } from 'vitest';

/** The failure type a workflow update was refused with (its validator's ApplicationFailure), asserting it was refused. */
export async function rejectionCode(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as { type?: string }).type;
}
