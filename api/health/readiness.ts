import type { Client } from '@temporalio/client';
import { pingMongo } from '../../data/connect.js';
import { WorkerHeartbeatModel } from '../../data/models/index.js';

export interface ReadinessDeps {
  temporal: Client;
  namespace: string;
  taskQueue: string;
  /** A worker counts as running if its heartbeat is at most this old. */
  workerFreshMs: number;
}

export interface Check {
  ok: boolean;
  detail: string;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

const failure = (error: unknown): Check => ({ ok: false, detail: error instanceof Error ? error.message : String(error) });

export async function checkMongo(): Promise<Check> {
  try {
    await pingMongo();
    return { ok: true, detail: 'reachable' };
  } catch (error) {
    return failure(error);
  }
}

export async function checkTemporal(deps: ReadinessDeps): Promise<Check> {
  try {
    // A deadline, not just a race: it also ends the client's internal retries of the call.
    await deps.temporal.withDeadline(Date.now() + 2_000, () => deps.temporal.workflowService.getSystemInfo({}));
    return { ok: true, detail: 'reachable' };
  } catch (error) {
    return failure(error);
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
    const workers = await withTimeout(WorkerHeartbeatModel.countDocuments({ taskQueue: deps.taskQueue, seenAt: { $gte: since } }), 2_000);
    return workers > 0
      ? { ok: true, detail: `${workers} worker(s) polling "${deps.taskQueue}"`, workers }
      : { ok: false, detail: `no worker is polling "${deps.taskQueue}": e-mails are not being sent, start the worker`, workers };
  } catch (error) {
    return { ...failure(error), workers: 0 };
  }
}

export async function readiness(deps: ReadinessDeps) {
  const [mongo, temporal, worker] = await Promise.all([checkMongo(), checkTemporal(deps), checkWorker(deps)]);
  return { ok: mongo.ok && temporal.ok && worker.ok, checks: { mongo, temporal, worker } };
}
