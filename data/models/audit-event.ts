import { model, Schema, type InferSchemaType } from 'mongoose';
import { actorTypes } from '../../domain/actor.js';

/** Who did what to which entity, with the before/after of what changed. Never holds secrets. */
const auditEventSchema = new Schema({
  at: { type: Date, required: true, default: () => new Date() },
  actor: {
    type: { type: String, enum: actorTypes, required: true },
    id: { type: String, default: null },
    label: { type: String, default: null },
  },
  action: { type: String, required: true },
  entityType: { type: String, required: true },
  entityId: { type: String, required: true },
  tenantId: { type: String, default: null },
  before: { type: Schema.Types.Mixed, default: null },
  after: { type: Schema.Types.Mixed, default: null },
  /** Idempotency of system events written from retried activities. */
  key: { type: String },
});
// The audit list (data/audit-events.ts; explained in test/api/query-plans.test.ts): newest
// first, alone or after each filter the console offers; _id breaks ties like the list's sort.
auditEventSchema.index({ at: -1, _id: -1 });
auditEventSchema.index({ entityId: 1, at: -1, _id: -1 }); // an entity's history, a user's timeline (oldest first)
auditEventSchema.index({ action: 1, at: -1, _id: -1 });
auditEventSchema.index({ 'actor.type': 1, at: -1, _id: -1 });
auditEventSchema.index({ entityType: 1, at: -1, _id: -1 });
auditEventSchema.index({ tenantId: 1, at: -1, _id: -1 }); // an office's own trail (its scope, data/tenant-scope.ts)
auditEventSchema.index({ key: 1 }, { unique: true, sparse: true });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEventModel = model('AuditEvent', auditEventSchema, 'audit');
