import { model, Schema, type InferSchemaType } from 'mongoose';
import { plans } from '../../domain/tenant.js';

const tenantSchema = new Schema(
  {
    name: { type: String, required: true },
    nameLower: { type: String, required: true, index: true },
    plan: { type: String, enum: plans, required: true },
    requiresLoginLink: { type: Boolean, required: true },
  },
  { timestamps: true },
);
tenantSchema.index({ createdAt: -1 });

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
export const TenantModel = model('Tenant', tenantSchema, 'tenants');
