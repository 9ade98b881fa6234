import { metricMeter } from '@temporalio/workflow';
import type { ActivationStatus } from '../domain/activation-status.js';

// The workflows' counters on the worker's metrics endpoint (worker/metrics.ts). The SDK's
// workflow `metricMeter` records nothing while a history is replayed, so a transition counts once
// when it happens, not again each time a worker rebuilds the lifecycle from its history (only a
// workflow task that a worker crash interrupts before it completes runs, and counts, twice).

/** `activation_lifecycle_transitions_total{status}`: every recorded transition, by the status it enters (a reminder or a resend enters `invited` again). */
export function countTransition(status: ActivationStatus) {
  metricMeter.createCounter('activation_lifecycle_transitions', 'transitions', 'Lifecycle transitions by the status they enter').add(1, { status });
}

/** `activation_migration_users_total{outcome}`: users whose lifecycle a migration started, or could not start (no usable e-mail). */
export function countMigrationUsers(started: number, failed: number) {
  const users = metricMeter.createCounter('activation_migration_users', 'users', 'Users of account migrations, started or failed');
  if (started > 0) users.add(started, { outcome: 'started' });
  if (failed > 0) users.add(failed, { outcome: 'failed' });
}
