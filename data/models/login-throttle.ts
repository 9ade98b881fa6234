import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * Failed sign-ins per e-mail, known or not: keyed by the lowercased e-mail so an unknown address
 * is slowed down and locked exactly like a real one (no enumeration through lockouts).
 */
const loginThrottleSchema = new Schema({
  _id: { type: String, required: true },
  failures: { type: Number, required: true, default: 0 },
  lastFailureAt: { type: Date, default: null },
  lockedUntil: { type: Date, default: null },
});

export type LoginThrottleDoc = InferSchemaType<typeof loginThrottleSchema>;
export const LoginThrottleModel = model('LoginThrottle', loginThrottleSchema, 'loginThrottles');
