import { model, Schema, type InferSchemaType } from 'mongoose';
import { emailStatuses, emailTemplates } from '../../domain/email.js';
import { emailEventKinds, emailProviders } from '../../domain/email-events.js';

/** An e-mail provider's report on the message after it took it (use-cases/email-events). */
const deliveryReportSchema = new Schema(
  {
    provider: { type: String, enum: emailProviders, required: true },
    kind: { type: String, enum: emailEventKinds, required: true },
    reason: { type: String, required: true },
    detail: { type: String, default: '' },
    at: { type: Date, required: true },
    /** `<provider>:<event id>`: a report is listed once however often the provider sends it. */
    eventId: { type: String, required: true },
  },
  { _id: false },
);

/**
 * The outgoing e-mail log, keyed by idempotency key: a retried activity finds the record and
 * does not send again. `messageId` is derived from the key, so even the rare resend after a
 * crash between SMTP acceptance and this record carries the same Message-ID
 * (activities/lifecycle-email.ts).
 */
const emailLogSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: Schema.Types.ObjectId, required: true },
    to: { type: String, required: true },
    template: { type: String, enum: emailTemplates, required: true },
    locale: { type: String, required: true },
    subject: { type: String, required: true },
    messageId: { type: String, required: true },
    /** The provider's own id of the message, from its SMTP answer (`250 Ok <id>`): what Amazon SES reports by. */
    providerMessageId: { type: String, default: null },
    status: { type: String, enum: emailStatuses, required: true },
    attempts: { type: Number, default: 0 },
    error: { type: String, default: null },
    sentAt: { type: Date, default: null },
    /** Set while an attempt may have handed the message to the SMTP server without learning the outcome. */
    sendingSince: { type: Date, default: null },
    /** Resends after such an attempt: each may have delivered this Message-ID a second time. */
    inDoubtResends: { type: Number, default: 0 },
    /** The plain-text body for the admin's preview, with the registration link's token cut out. */
    preview: { type: String, default: null },
    /** The provider's reports on this message (bounces, complaints), oldest first, and the one that counts: a failure over a soft bounce. */
    deliveryReports: { type: [deliveryReportSchema], default: undefined },
    deliveryReport: { type: deliveryReportSchema, default: null },
  },
  { timestamps: true },
);
// The e-mail log's list (data/email-log.ts; explained in test/api/query-plans.test.ts):
// each sort ends in _id like the list's, each filter is followed by the default sort (newest first).
emailLogSchema.index({ createdAt: -1, _id: -1 }); // the default sort, the dashboard's last e-mails
emailLogSchema.index({ sentAt: -1, _id: -1 });
emailLogSchema.index({ to: 1, _id: 1 });
emailLogSchema.index({ status: 1, _id: 1 });
emailLogSchema.index({ userId: 1, createdAt: -1, _id: -1 }); // a user's e-mails (user page)
emailLogSchema.index({ to: 1, createdAt: -1, _id: -1 });
emailLogSchema.index({ status: 1, createdAt: -1, _id: -1 });
emailLogSchema.index({ template: 1, createdAt: -1, _id: -1 });
emailLogSchema.index({ tenantId: 1, createdAt: -1, _id: -1 }); // an office's own log (its scope)
// The providers' reports find their message by its Message-ID, or by the provider's id (use-cases/email-events).
emailLogSchema.index({ messageId: 1 });
emailLogSchema.index({ providerMessageId: 1 }, { partialFilterExpression: { providerMessageId: { $type: 'string' } } });

export type EmailLogDoc = InferSchemaType<typeof emailLogSchema>;
export const EmailLogModel = model('EmailLog', emailLogSchema, 'emails');
