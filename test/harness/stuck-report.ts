import type { Client } from '@temporalio/client';
import type { ManagedChild } from '../../embedded/child-process.js';

const activityStates = ['unspecified', 'scheduled', 'started', 'cancel requested', 'paused', 'pause requested'];
const taskStates = ['unspecified', 'scheduled', 'started'];
const time = (stamp?: { seconds?: unknown } | null) => (stamp?.seconds ? new Date(Number(stamp.seconds) * 1000).toISOString().slice(11, 19) : '-');

/**
 * What an operator would look up in the Temporal UI when a wait falls short: the test's open
 * workflows with their pending activities (attempt, state, last failure) and workflow task, and
 * whether the spawned worker is alive with its last lines. Added to the failure, so a rare stall
 * in CI says where it stood.
 */
export async function stuckReport(client: Client, taskQueue: string, worker?: ManagedChild): Promise<string> {
  const lines: string[] = [];
  if (worker) {
    lines.push(`worker pid ${worker.process.pid}: ${worker.running ? 'running' : `exited (${worker.process.exitCode ?? worker.process.signalCode})`}`);
    for (const line of worker.recentOutput.slice(-10)) lines.push(`  | ${line}`);
  }
  let open = 0;
  for await (const execution of client.workflow.list({ query: `ExecutionStatus = 'Running'` })) {
    if (execution.taskQueue !== taskQueue && !execution.taskQueue.startsWith(`${taskQueue}-`)) continue;
    if (++open > 20) continue;
    const { raw, historyLength } = await client.workflow.getHandle(execution.workflowId, execution.runId).describe();
    lines.push(`${execution.workflowId} (${execution.type}, ${historyLength} events)`);
    const task = raw.pendingWorkflowTask;
    if (task)
      lines.push(
        `  workflow task: ${taskStates[task.state ?? 0]}, attempt ${task.attempt}, scheduled ${time(task.scheduledTime)}, started ${time(task.startedTime)}`,
      );
    for (const activity of raw.pendingActivities ?? []) {
      const failure = activity.lastFailure?.message ? `, last failure: ${activity.lastFailure.message}` : '';
      lines.push(
        `  ${activity.activityType?.name}: ${activityStates[activity.state ?? 0]}, attempt ${activity.attempt}, last started ${time(activity.lastStartedTime)}, next attempt ${time(activity.nextAttemptScheduleTime)}${failure}`,
      );
    }
  }
  lines.push(`${open} open workflow(s) on ${taskQueue}* at ${new Date().toISOString().slice(11, 19)}`);
  return lines.join('\n');
}

/** Runs `wait`; when it fails, the failure carries the stuck report. */
export async function explainedWait<T>(wait: Promise<T>, report: () => Promise<string>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const where = await report().catch((reportError: unknown) => `(no report: ${String(reportError)})`);
    if (error instanceof Error) error.message += `\n--- where it stood ---\n${where}`;
    throw error;
  }
}
