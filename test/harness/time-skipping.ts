import fs from 'node:fs';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { customSearchAttributes } from '../../domain/search-attributes.js';
import { installTestRuntime } from './context.js';
import { eventually } from './eventually.js';
import { toolPaths } from './tools.js';

/**
 * Temporal's time-skipping test server (the Java SDK's, from Maven Central: see scripts/tools.sh)
 * for this test file alone, through @temporalio/testing, with our search attributes registered.
 * Its clock runs at wall-clock pace until a test skips ahead with `env.sleep()`, so timers of days
 * fire exactly when a test says and never race the test's own steps.
 */
export async function startTimeSkippingTemporal() {
  const serverPath = toolPaths.temporalTestServer;
  if (!fs.existsSync(serverPath)) {
    throw new Error(`Temporal test server not found at ${serverPath}: run "bash scripts/tools.sh --with-browser" (needs Java and Maven)`);
  }
  installTestRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(customSearchAttributes.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
  return env;
}

export type TimeSkippingTemporal = Awaited<ReturnType<typeof startTimeSkippingTemporal>>;

/**
 * Where a workflow stands, from its history: at rest when no workflow task or activity is open
 * and no timer is overdue, that is when nothing will happen until a timer fires or a message
 * arrives. `timers` are the due times of its running timers.
 */
async function restingState(env: TimeSkippingTemporal, workflowId: string) {
  const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const timers = new Map<string, number>();
  const activities = new Set<string>();
  let workflowTaskOpen = false;
  for (const event of events ?? []) {
    const id = String(event.eventId);
    if (event.workflowTaskScheduledEventAttributes) workflowTaskOpen = true;
    if (event.workflowTaskCompletedEventAttributes || event.workflowTaskFailedEventAttributes || event.workflowTaskTimedOutEventAttributes) {
      workflowTaskOpen = false;
    }
    if (event.activityTaskScheduledEventAttributes) activities.add(id);
    const closedActivity =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    if (closedActivity) activities.delete(String(closedActivity.scheduledEventId));
    const started = event.timerStartedEventAttributes;
    if (started) timers.set(id, tsToMs(event.eventTime) + tsToMs(started.startToFireTimeout));
    const ended = event.timerFiredEventAttributes ?? event.timerCanceledEventAttributes;
    if (ended) timers.delete(String(ended.startedEventId));
  }
  const now = await env.currentTimeMs();
  const overdue = [...timers.values()].some((due) => due <= now);
  return { atRest: !workflowTaskOpen && activities.size === 0 && !overdue, timers: [...timers.values()].sort((a, b) => a - b) };
}

/** Waits until the workflow is at rest (see restingState) and answers the due times of its timers. */
export async function untilAtRest(env: TimeSkippingTemporal, workflowId: string) {
  return eventually(async () => {
    const state = await restingState(env, workflowId);
    if (!state.atRest) throw new Error(`workflow ${workflowId} is still busy`);
    return state.timers;
  });
}

/**
 * Moves the test server's clock to `targetMs`, one of the workflow's timers at a time: each timer
 * fires at its own time and the workflow comes to rest before the clock moves on, as it would in
 * real time, so what it does on waking (send a reminder, start the next timer) happens at the
 * right moment instead of after a jump past its activities' timeouts.
 */
export async function advanceTo(env: TimeSkippingTemporal, workflowId: string, targetMs: number) {
  for (;;) {
    const timers = await untilAtRest(env, workflowId);
    const nextTimer = timers.find((due) => due <= targetMs);
    const now = await env.currentTimeMs();
    // A timer is due at a fraction of a millisecond; 1 ms more makes sure it has fired.
    const stop = nextTimer === undefined ? targetMs : nextTimer + 1;
    if (stop > now) await skip(env, stop - now);
    if (nextTimer === undefined) return untilAtRest(env, workflowId);
  }
}

/**
 * `env.sleep()`, failing instead of waiting for real time when the server's clock cannot move:
 * the test server (1.31 and 1.38 alike) keeps time still for good once a workflow is terminated
 * while one of its tasks is in flight, so tests end lifecycles with a signal, never a terminate.
 */
async function skip(env: TimeSkippingTemporal, durationMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the test server did not skip ${durationMs} ms: its clock is held`)), 20_000);
  });
  try {
    await Promise.race([env.sleep(durationMs), stuck]);
  } finally {
    clearTimeout(timer);
  }
}
