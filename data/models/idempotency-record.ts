import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * The answer given to an integration request carrying an `Idempotency-Key`, kept so a retry gets
 * the same answer without doing the work twice. `_id` is `${apiKeyId}:${key}`; `requestHash`
 * catches a key reused for a different request.
 */
const idempotencyRecordSchema = new Schema({
  _id: { type: String, required: true },
  requestHash: { type: String, required: true },
  state: { type: String, enum: ['processing', 'done'], required: true },
  status: { type: Number, default: null },
  body: { type: Schema.Types.Mixed, default: null },
  createdAt: { type: Date, required: true, default: () => new Date() },
});
idempotencyRecordSchema.index({ createdAt: 1 });

export type IdempotencyRecordDoc = InferSchemaType<typeof idempotencyRecordSchema>;
export const IdempotencyRecordModel = model('IdempotencyRecord', idempotencyRecordSchema, 'idempotencyRecords');
