import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * A bearer token an identity provider (Okta, Microsoft Entra) uses on /scim/v2. It belongs to one
 * tenant: every SCIM call made with it sees and provisions that tenant's users only. As with API
 * keys, only the SHA-256 of the token is stored and the token itself is shown once, by the CLI;
 * revoking stamps `revokedAt` and keeps the record for the audit trail.
 */
const scimTokenSchema = new Schema(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, ref: 'Tenant' },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    tokenHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// The CLI's list, oldest first; the tenant page's, newest first.
scimTokenSchema.index({ createdAt: 1, _id: 1 });
scimTokenSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });

export type ScimTokenDoc = InferSchemaType<typeof scimTokenSchema>;
export const ScimTokenModel = model('ScimToken', scimTokenSchema, 'scimTokens');
