import { model, Schema, type InferSchemaType } from 'mongoose';
import { migrationStatuses } from '../../domain/migration.js';

/** One "Update accounts" run of a tenant: who pressed it and how far it got (the workflow's projection). */
const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: Schema.Types.ObjectId, required: true },
    actingUserId: { type: Schema.Types.ObjectId, required: true },
    actingUserLabel: { type: String, required: true },
    requestedBy: { type: String, required: true },
    status: { type: String, enum: migrationStatuses, required: true },
    total: { type: Number, default: 0 },
    started: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
migrationSchema.index({ tenantId: 1, createdAt: -1 });
// At most one running migration per tenant, whatever the timing: of two "Update accounts" pressed
// at the same moment (two admins, two API processes) the second insert fails and joins the first.
migrationSchema.index({ tenantId: 1 }, { unique: true, partialFilterExpression: { status: 'running' }, name: 'one_running_per_tenant' });

export type MigrationDoc = InferSchemaType<typeof migrationSchema>;
export const MigrationModel = model('Migration', migrationSchema, 'migrations');
