import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * A user's password, as an argon2id hash, kept outside Temporal. Written by the public API
 * before the register Update; it only counts once the workflow consumed `invitationId`.
 */
const credentialSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    passwordHash: { type: String, required: true },
    invitationId: { type: String, required: true },
    activatedAt: { type: Date, default: null },
    failedAttempts: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
  },
  { timestamps: true },
);

export type CredentialDoc = InferSchemaType<typeof credentialSchema>;
export const CredentialModel = model('Credential', credentialSchema, 'credentials');
