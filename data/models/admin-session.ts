import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * A signed-in admin browser. The cookie holds a random id; only its SHA-256 is stored, so a
 * database leak gives no usable session. Logout deletes the row, so sessions are revocable.
 */
const adminSessionSchema = new Schema({
  _id: { type: String, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true, index: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
  /** MongoDB's TTL monitor removes a session once this passes (reads check it too: the monitor runs once a minute). */
  expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 0 } },
});

export type AdminSessionDoc = InferSchemaType<typeof adminSessionSchema>;
export const AdminSessionModel = model('AdminSession', adminSessionSchema, 'adminSessions');
