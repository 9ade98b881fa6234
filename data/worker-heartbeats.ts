import { WorkerHeartbeatModel } from './models/index.js';

/**
 * How many workers announced themselves (worker/heartbeat.ts): on `taskQueue` (every queue when
 * absent) and seen since `since` (ever when absent). The readiness check and the benchmarks read it.
 */
export const countWorkers = ({ taskQueue, since }: { taskQueue?: string; since?: Date } = {}) =>
  WorkerHeartbeatModel.countDocuments({ ...(taskQueue ? { taskQueue } : {}), ...(since ? { seenAt: { $gte: since } } : {}) });
