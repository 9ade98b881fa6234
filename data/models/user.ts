import { model, Schema, type InferSchemaType } from 'mongoose';
import { activationStatuses } from '../../domain/activation-status.js';
import { locales } from '../../domain/locale.js';
import { roles } from '../../domain/user.js';

/**
 * MongoDB's projection of each user's lifecycle, for lists and search. The `userActivation`
 * workflow owns `status` and the timestamps; the API owns the profile fields.
 */
const userSchema = new Schema(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, ref: 'Tenant' },
    code: { type: Number, required: true },
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    legacyUsername: { type: String, default: null },
    /** Login e-mail, lowercased; unique across all tenants. Missing while a migrated user is staged with a problem. */
    email: { type: String },
    /** Login e-mail proposed for a staged user in the migration review; may be missing, invalid or duplicated until fixed. */
    proposedEmail: { type: String, default: null },
    /** The "Update accounts" run that took this user; set once, so a second run never takes it again. */
    migrationId: { type: String, default: null },
    role: { type: String, enum: roles, required: true },
    locale: { type: String, enum: locales, required: true },
    externalId: { type: String, default: null },
    /** `${tenantId}:${externalId}`, unique: an integration's own id maps to one user per tenant. */
    externalKey: { type: String },
    status: { type: String, enum: activationStatuses, required: true },
    statusChangedAt: { type: Date, required: true },
    invitedAt: { type: Date, default: null },
    registeredAt: { type: Date, default: null },
    activatedAt: { type: Date, default: null },
    expiredAt: { type: Date, default: null },
    deactivatedAt: { type: Date, default: null },
    accessAt: { type: Date, default: null },
    invitationExpiresAt: { type: Date, default: null },
    remindersSent: { type: Number, default: 0 },
    emailFailing: { type: Boolean, default: false },
    lastEmailError: { type: String, default: null },
    accessGrantedAt: { type: Date, default: null },
    loginLinkedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

userSchema.index({ tenantId: 1, code: 1 }, { unique: true });
userSchema.index({ email: 1 }, { unique: true, sparse: true });
userSchema.index({ externalKey: 1 }, { unique: true, sparse: true });
userSchema.index({ status: 1, statusChangedAt: 1 });
userSchema.index({ tenantId: 1, status: 1 });
userSchema.index({ nameLower: 1 });
userSchema.index({ createdAt: -1 });
userSchema.index({ tenantId: 1, proposedEmail: 1 });
userSchema.index({ migrationId: 1, status: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = model('User', userSchema, 'users');
