import { model, Schema, type InferSchemaType } from 'mongoose';
import { emailEventKinds, emailProviders } from '../../domain/email-events.js';

/** What became of a provider's report (use-cases/email-events/record-email-event.ts). */
export const emailEventOutcomes = [
  /** Being handled: a report found in this state is handled again (its steps are idempotent). */
  'received',
  /** A hard bounce or complaint the user's lifecycle was told of. */
  'applied',
  /** Kept in the e-mail log only: a soft bounce, an address changed since, a user without a lifecycle. */
  'recorded',
  /** About no e-mail of ours (another system's mail through the same provider account). */
  'unmatched',
  /** Amazon SNS subscription confirmed. */
  'subscriptionConfirmed',
] as const;

/** Reports are kept this long: longer than any provider retries a delivery (SNS, SendGrid: days). */
const KEEP_SECONDS = 90 * 86_400;

/**
 * The e-mail providers' reports as received, one per provider event id: what makes a replay (a
 * provider retrying, an attacker re-sending a captured request) change nothing more.
 */
const emailEventSchema = new Schema(
  {
    /** `<provider>:<the provider's event id>`. */
    _id: { type: String, required: true },
    provider: { type: String, enum: emailProviders, required: true },
    kind: { type: String, enum: emailEventKinds, default: null },
    reason: { type: String, default: null },
    detail: { type: String, default: null },
    recipient: { type: String, default: null },
    messageId: { type: String, default: null },
    providerMessageId: { type: String, default: null },
    occurredAt: { type: Date, default: null },
    outcome: { type: String, enum: emailEventOutcomes, required: true },
    /** The outgoing e-mail it was about (its log key) and its user, once matched. */
    emailKey: { type: String, default: null },
    userId: { type: Schema.Types.ObjectId, default: null },
    tenantId: { type: Schema.Types.ObjectId, default: null },
    /** Mailgun's signature token: one request, one token; another event with a known token is a replay. */
    replayToken: { type: String },
    receivedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
emailEventSchema.index({ replayToken: 1 }, { unique: true, partialFilterExpression: { replayToken: { $type: 'string' } } });
emailEventSchema.index({ receivedAt: 1 }, { expireAfterSeconds: KEEP_SECONDS });

export type EmailEventDoc = InferSchemaType<typeof emailEventSchema>;
export const EmailEventModel = model('EmailEvent', emailEventSchema, 'emailEvents');
