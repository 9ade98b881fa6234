import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * A key another system uses on /api/v1. Only the SHA-256 of the key is stored; the key itself is
 * printed once by the CLI. `prefix` (the first characters) lets an operator tell keys apart.
 */
const apiKeySchema = new Schema(
  {
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export const ApiKeyModel = model('ApiKey', apiKeySchema, 'apiKeys');
