import { model, Schema, type InferSchemaType } from 'mongoose';
import { adminRoles } from '../../domain/admin-account.js';

// The vocabulary lives in domain/ so the console's forms share it.
export { adminRoles, type AdminRole } from '../../domain/admin-account.js';

/**
 * A person who signs in to the admin console. `viewer` reads only. Password as an argon2id hash.
 * An account may belong to a tenant: then it acts as its linked tenant user wherever the product
 * needs one (the login migration runs on behalf of a tenant user) and only for that tenant.
 */
const adminAccountSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    role: { type: String, enum: adminRoles, required: true },
    passwordHash: { type: String, required: true },
    disabledAt: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    tenantUserId: { type: Schema.Types.ObjectId, default: null },
    tenantId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
adminAccountSchema.index({ createdAt: -1 });

export type AdminAccountDoc = InferSchemaType<typeof adminAccountSchema>;
export const AdminAccountModel = model('AdminAccount', adminAccountSchema, 'adminAccounts');
