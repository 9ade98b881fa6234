import { model, Schema, type InferSchemaType } from 'mongoose';

/** A submitted password waiting for the workflow's decision, keyed by its form submission. */
const pendingSchema = new Schema(
  {
    submissionId: { type: String, required: true },
    invitationId: { type: String, required: true },
    passwordHash: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A user's password, as an argon2id hash, kept outside Temporal. The public API adds a submitted
 * password to `pending` before the register Update; the workflow's consumeInvitation moves the
 * entry of the submission it accepted to `passwordHash` (activities/invitations.ts), and a refused
 * submission removes only its own entry. So `passwordHash` is only ever the accepted submission's,
 * and it counts once `activatedAt` is set. (Documents written before `pending` existed hold a
 * not yet activated `passwordHash` directly; consumeInvitation still activates those.)
 */
const credentialSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    /** Absent while the user's only password is still pending. */
    passwordHash: { type: String },
    invitationId: { type: String },
    pending: { type: [pendingSchema], default: undefined },
    activatedAt: { type: Date, default: null },
    failedAttempts: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
  },
  { timestamps: true },
);

export type CredentialDoc = InferSchemaType<typeof credentialSchema>;
export const CredentialModel = model('Credential', credentialSchema, 'credentials');
