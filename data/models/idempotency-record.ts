import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * The answer given to an integration request carrying an `Idempotency-Key`, kept so a retry gets
 * the same answer without doing the work twice. `_id` is `${apiKeyId}:${key}`; `requestHash`
 * catches a key reused for a different request. A `processing` record whose lease ran out belongs
 * to a process that died mid-request: the next retry takes it over instead of waiting forever.
 */
const idempotencyRecordSchema = new Schema({
  _id: { type: String, required: true },
  requestHash: { type: String, required: true },
  state: { type: String, enum: ['processing', 'done'], required: true },
  /** While processing: who holds the key, and until when (renewed while the work runs). */
  owner: { type: String, default: null },
  leaseUntil: { type: Date, default: null },
  status: { type: Number, default: null },
  body: { type: Schema.Types.Mixed, default: null },
  createdAt: { type: Date, required: true, default: () => new Date() },
});
idempotencyRecordSchema.index({ createdAt: 1 });

export type IdempotencyRecordDoc = InferSchemaType<typeof idempotencyRecordSchema>;
export const IdempotencyRecordModel = model('IdempotencyRecord', idempotencyRecordSchema, 'idempotencyRecords');
