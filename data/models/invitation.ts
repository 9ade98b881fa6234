import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * One invitation link. Only the SHA-256 of the token is stored: a database leak gives no usable
 * links. `_id` is the workflow-generated invitation id from which the token is derived by HMAC.
 */
const invitationSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    consumedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    closedReason: { type: String, enum: ['superseded', 'revoked', 'expired', null], default: null },
    /**
     * The form submission that holds the link (use-cases/users/accept-invitation.ts): set atomically before
     * anything is written, so of two submissions at once only one goes on. Released when the
     * workflow refuses it; a claim older than the claim lifetime (a crashed API) can be taken over.
     */
    claimedBy: { type: String, default: null },
    claimedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// A user's links newest first (user page); also every lookup of a user's links.
invitationSchema.index({ userId: 1, createdAt: -1, _id: -1 });
invitationSchema.index({ createdAt: -1, _id: -1 });
invitationSchema.index({ tenantId: 1, createdAt: -1, _id: -1 }); // an office's own links (its scope)

export type InvitationDoc = InferSchemaType<typeof invitationSchema>;
export const InvitationModel = model('Invitation', invitationSchema, 'invitations');
