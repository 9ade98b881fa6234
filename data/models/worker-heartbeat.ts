import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * Each running worker process writes here every few seconds and removes its row on shutdown.
 * Temporal's poller list cannot tell a stopped worker from an idle one for about a minute
 * (an idle long-poll is only renewed every ~60 s), and operators must see at once that
 * e-mails are not going out.
 */
const workerHeartbeatSchema = new Schema({
  _id: { type: String, required: true },
  taskQueue: { type: String, required: true },
  host: { type: String, required: true },
  pid: { type: Number, required: true },
  startedAt: { type: Date, required: true },
  seenAt: { type: Date, required: true },
});
workerHeartbeatSchema.index({ taskQueue: 1, seenAt: -1 });

export type WorkerHeartbeatDoc = InferSchemaType<typeof workerHeartbeatSchema>;
export const WorkerHeartbeatModel = model('WorkerHeartbeat', workerHeartbeatSchema, 'workerHeartbeats');
