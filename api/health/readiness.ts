import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { pingMongo } from '../../data/connect.js';
import { countWorkers } from '../../data/worker-heartbeats.js';
import { withTimeout } from './with-timeout.js';

export interface ReadinessDeps {
  temporal: Client;
  namespace: string;
  taskQueue: string;
  /** A worker counts as running if its heartbeat is at most this old. */
  workerFreshMs: number;
  /** Where failed checks log their error (the answer only says "unreachable"). */
  logger?: Pick<Logger, 'warn'>;
}

export interface Check {
  ok: boolean;
  detail: string;
}

/**
 * /readyz answers anyone, so a failed check says only that the dependency is unreachable: driver
 * errors name hosts, ports, replica-set members and versions. The error itself goes to the log.
 */
const failure = (deps: ReadinessDeps, check: string, error: unknown): Check => {
  deps.logger?.warn({ check, err: error }, `readiness: ${check} unreachable`);
  return { ok: false, detail: 'unreachable' };
};

export async function checkMongo(deps: ReadinessDeps): Promise<Check> {
  try {
    await pingMongo();
    return { ok: true, detail: 'reachable' };
  } catch (error) {
    return failure(deps, 'mongo', error);
  }
}

export async function checkTemporal(deps: ReadinessDeps): Promise<Check> {
  try {
    // A deadline, not just a race: it also ends the client's internal retries of the call.
    await deps.temporal.withDeadline(Date.now() + 2_000, () => deps.temporal.workflowService.getSystemInfo({}));
    return { ok: true, detail: 'reachable' };
  } catch (error) {
    return failure(deps, 'temporal', error);
  }
}

/**
 * "The communication agent must be running": e-mails only go out while a worker polls the
 * task queue. Workers announce themselves every few seconds (worker/heartbeat.ts) and remove
 * the announcement when they stop, so a stopped worker shows here within seconds.
 */
export async function checkWorker(deps: ReadinessDeps): Promise<Check & { workers: number }> {
  try {
    const since = new Date(Date.now() - deps.workerFreshMs);
    const workers = await withTimeout(countWorkers({ taskQueue: deps.taskQueue, since }), 2_000);
    return workers > 0
      ? { ok: true, detail: `${workers} worker(s) polling "${deps.taskQueue}"`, workers }
      : { ok: false, detail: `no worker is polling "${deps.taskQueue}": e-mails are not being sent, start the worker`, workers };
  } catch (error) {
    return { ...failure(deps, 'worker heartbeats', error), workers: 0 };
  }
}

export async function readiness(deps: ReadinessDeps) {
  const [mongo, temporal, worker] = await Promise.all([checkMongo(deps), checkTemporal(deps), checkWorker(deps)]);
  return { ok: mongo.ok && temporal.ok && worker.ok, checks: { mongo, temporal, worker } };
}
