import { proxyActivities } from '@temporalio/workflow';

// The benchmark's ceiling: the cheapest workflow that still runs one activity.
const { probeActivity } = proxyActivities<{ probeActivity(): Promise<void> }>({ startToCloseTimeout: '30s' });

export async function probeWorkflow(): Promise<void> {
  await probeActivity();
}
