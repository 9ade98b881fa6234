import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * How many users each tenant has per status, and the platform's (`_id: 'platform'`), as counted at
 * `countedAt` by one pass over the users (data/user-counts.ts): what the dashboard shows for a
 * scope too large to count on every request, with its age. `_id: 'refresh'` is the lease that
 * keeps API processes from counting at the same time (`until`).
 */
const userCountSchema = new Schema({
  _id: { type: String, required: true },
  /** Users per status (domain/activation-status.ts). */
  counts: { type: Schema.Types.Mixed },
  total: { type: Number },
  countedAt: { type: Date },
  until: { type: Date },
});

export type UserCountDoc = InferSchemaType<typeof userCountSchema>;
export const UserCountModel = model('UserCount', userCountSchema, 'userCounts');
