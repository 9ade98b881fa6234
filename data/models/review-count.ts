import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * An office's migration review counted (data/migration-review.ts reviewCounts): how many users it
 * has to migrate and inactivated, as counted at `countedAt`, kept for a large review only. Every
 * write of the review that changes them bumps `generation`, and a count is stored only if the
 * generation it started from is still the stored one.
 */
const reviewCountSchema = new Schema({
  /** The tenant's id. */
  _id: { type: String, required: true },
  generation: { type: Number, default: 0 },
  toMigrate: { type: Number },
  inactive: { type: Number },
  countedAt: { type: Date },
});

export type ReviewCountDoc = InferSchemaType<typeof reviewCountSchema>;
export const ReviewCountModel = model('ReviewCount', reviewCountSchema, 'reviewCounts');
