import type { TelemetryOptions } from '@temporalio/worker';
import type { Config } from '../config/env.js';

/**
 * The worker's Prometheus endpoint, served by the Temporal SDK's runtime at
 * WORKER_METRICS_HOST:WORKER_METRICS_PORT/metrics: the SDK's own metrics (`temporal_…`: task
 * slots, poll and schedule-to-start latencies, activity and workflow outcomes, sticky cache)
 * and the service's counters, which activities and workflows record through the SDK's
 * `metricMeter` (activities/metrics.ts, workflows/metrics.ts). One runtime per process, installed
 * once (worker/main.ts): every worker of the process shares the endpoint. Counters end in
 * `_total` and durations are in seconds, as Prometheus names them.
 */
export function workerTelemetry(config: Pick<Config, 'metrics'>): TelemetryOptions | undefined {
  if (!config.metrics.workerAddress) return undefined;
  return { metrics: { prometheus: { bindAddress: config.metrics.workerAddress, countersTotalSuffix: true, useSecondsForDurations: true } } };
}
