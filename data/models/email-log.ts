import { model, Schema, type InferSchemaType } from 'mongoose';
import { emailStatuses, emailTemplates } from '../../domain/email.js';

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

export type EmailLogDoc = InferSchemaType<typeof emailLogSchema>;
export const EmailLogModel = model('EmailLog', emailLogSchema, 'emails');
