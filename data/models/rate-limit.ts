import { model, Schema } from 'mongoose';

/**
 * Shared counters of every limit the API enforces (express-rate-limit windows and sign-in
 * failures), so all API processes count together. Each document lives until `expiresAt`: the TTL
 * index removes it (MongoDB's TTL monitor runs about once a minute) and readers ignore an expired
 * one, so the collection holds only live windows however many keys (random e-mails, IPs) are seen.
 */
const rateLimitSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
rateLimitSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const RateLimitModel = model('RateLimit', rateLimitSchema, 'rateLimits');
