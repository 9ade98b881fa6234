import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { WorkerHeartbeatModel } from '../data/models/index.js';

export const HEARTBEAT_INTERVAL_MS = 5_000;

/** Announces this worker process while `isPolling()` holds; the API's readiness reads it. */
export function startHeartbeat(taskQueue: string, isPolling: () => boolean) {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const startedAt = new Date();
  const beat = async () => {
    if (!isPolling()) return;
    await WorkerHeartbeatModel.updateOne(
      { _id: id },
      { $set: { taskQueue, host: os.hostname(), pid: process.pid, startedAt, seenAt: new Date() } },
      { upsert: true },
    ).catch(() => undefined); // MongoDB down: readiness reports that on its own.
  };
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    id,
    beat,
    async stop() {
      clearInterval(timer);
      await WorkerHeartbeatModel.deleteOne({ _id: id }).catch(() => undefined);
    },
  };
}
