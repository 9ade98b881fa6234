import { model, Schema, type InferSchemaType } from 'mongoose';

import { apiKeyCreatorTypes } from '../../domain/api-key.js';

/**
 * A key another system uses on /api/v1. Only the SHA-256 of the key is stored; the key itself is
 * shown once (by the CLI, or in the console's dialog). `prefix` (the first characters) lets an
 * operator tell keys apart. Revoking only stamps `revokedAt`: the record stays for the audit trail
 * and the list, and authentication refuses it from the next request on; so it does once `expiresAt`
 * (optional, set at creation) has passed.
 */
const apiKeySchema = new Schema(
  {
    name: { type: String, required: true },
    /** The office the key is scoped to (its /api/v1 calls reach that tenant only); null: a platform key. */
    tenantId: { type: Schema.Types.ObjectId, default: null },
    prefix: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date, default: null },
    /** When the key stops working by itself (authentication refuses it from then on, like a revoked one); null: never. */
    expiresAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
    /** Null on keys made before creators were recorded. */
    createdBy: {
      type: new Schema(
        { type: { type: String, enum: apiKeyCreatorTypes, required: true }, id: { type: String, default: null }, email: { type: String, default: null } },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);
// The console's list (api/admin/resources/api-keys.ts): newest first, _id breaking ties like its sort.
apiKeySchema.index({ createdAt: -1, _id: -1 });
apiKeySchema.index({ tenantId: 1, createdAt: -1, _id: -1 }); // an office's own keys

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export const ApiKeyModel = model('ApiKey', apiKeySchema, 'apiKeys');
