import { model, Schema, type InferSchemaType } from 'mongoose';
import { plans } from '../../domain/tenant.js';

const tenantSchema = new Schema(
  {
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    plan: { type: String, enum: plans, required: true },
    requiresLoginLink: { type: Boolean, required: true },
    /** Whether anyone may sign up as a member from the login screen (POST /api/public/signup). Off unless an admin opts in. */
    selfSignup: { type: Boolean, default: false },
    /** The main system's login page, where the office's people go once active; null: the platform's (SIGN_IN_URL). */
    signInUrl: { type: String, default: null },
    /** How its e-mails and pages look (domain/branding.ts); absent fields: the platform's. */
    branding: {
      type: new Schema(
        {
          senderName: { type: String, default: null },
          replyTo: { type: String, default: null },
          logoUrl: { type: String, default: null },
          accentColor: { type: String, default: null },
          supportContact: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** The last automatic user code handed out (data/tenants.ts takeUserCode); absent until the first. */
    lastUserCode: { type: Number },
  },
  { timestamps: true },
);
// The tenant list and the tenant pickers (q is a prefix of nameLower): each sort ends in _id like
// the list's; by name is the default.
tenantSchema.index({ nameLower: 1, _id: 1 });
tenantSchema.index({ createdAt: -1, _id: -1 });
tenantSchema.index({ plan: 1, nameLower: 1, _id: 1 });
tenantSchema.index({ plan: 1, _id: 1 });

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
export const TenantModel = model('Tenant', tenantSchema, 'tenants');
