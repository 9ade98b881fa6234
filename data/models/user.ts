import { model, Schema, type InferSchemaType } from 'mongoose';
import { activationStatuses } from '../../domain/activation-status.js';
import { locales } from '../../domain/locale.js';
import { roles } from '../../domain/user.js';
import { userSearchKeysPlugin } from './user-search.js';

/**
 * MongoDB's projection of each user's lifecycle, for lists and search. The `userActivation`
 * workflow owns `status` and the timestamps; the API owns the profile fields.
 */
const userSchema = new Schema(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, ref: 'Tenant' },
    code: { type: Number, required: true },
    name: { type: String, required: true },
    /** Derived from name on every write (user-search.ts): lowercase, without accents, words joined by spaces; the name sort's key. */
    nameLower: { type: String, required: true },
    /** Search keys: the first 1…10 characters of nameLower from each word on, and of email (user-search.ts). Derived, never set by hand. */
    nameKeys: { type: [String], default: undefined },
    emailKeys: { type: [String], default: undefined },
    /** Which scheme derived the search keys; start-up re-derives older ones (data/user-search-refresh.ts). */
    searchKeysVersion: { type: Number },
    legacyUsername: { type: String, default: null },
    /** Login e-mail, lowercased; unique across all tenants. Missing while a migrated user is staged with a problem. */
    email: { type: String },
    /** Login e-mail proposed for a staged user in the migration review; may be missing, invalid or duplicated until fixed. */
    proposedEmail: { type: String, default: null },
    /** The "Update accounts" run that took this user; set once, so a second run never takes it again. */
    migrationId: { type: String, default: null },
    role: { type: String, enum: roles, required: true },
    locale: { type: String, enum: locales, required: true },
    externalId: { type: String, default: null },
    /** `${tenantId}:${externalId}`, unique: an integration's own id maps to one user per tenant. */
    externalKey: { type: String },
    status: { type: String, enum: activationStatuses, required: true },
    statusChangedAt: { type: Date, required: true },
    invitedAt: { type: Date, default: null },
    registeredAt: { type: Date, default: null },
    activatedAt: { type: Date, default: null },
    expiredAt: { type: Date, default: null },
    deactivatedAt: { type: Date, default: null },
    accessAt: { type: Date, default: null },
    invitationExpiresAt: { type: Date, default: null },
    remindersSent: { type: Number, default: 0 },
    emailFailing: { type: Boolean, default: false },
    lastEmailError: { type: String, default: null },
    accessGrantedAt: { type: Date, default: null },
    loginLinkedAt: { type: Date, default: null },
    /** Who confirms the main-system link while the user is `linking`: the main system (API), or the office (console). */
    loginLinkAwaitedFrom: { type: String, enum: ['mainSystem', 'office', null], default: null },
    /** Last "send me a new link" that sent one (use-cases/users/renew-invitation.ts): the renew cool-down runs from it. */
    renewRequestedAt: { type: Date, default: null },
    /**
     * What an identity provider last sent through SCIM (api/scim/user-mapping.ts), kept as sent so
     * it reads back the same; null for users no SCIM client ever wrote. The login e-mail, name,
     * locale, external id and status keep their own fields, derived from it by the SCIM use-cases (use-cases/scim/users.ts).
     */
    scim: {
      type: new Schema(
        {
          userName: { type: String, required: true },
          /** userName lowercased: SCIM's userName is unique per tenant whatever its case. */
          userNameKey: { type: String, required: true },
          givenName: { type: String, default: null },
          familyName: { type: String, default: null },
          formattedName: { type: String, default: null },
          displayName: { type: String, default: null },
          /** `type` and `primary` of the login e-mail among `emails`, as sent. */
          emailType: { type: String, default: null },
          emailPrimary: { type: Boolean, default: null },
          preferredLanguage: { type: String, default: null },
          locale: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);

userSchema.plugin(userSearchKeysPlugin);

// Integrity and the API's own lookups.
userSchema.index({ tenantId: 1, code: 1 }, { unique: true });
userSchema.index({ email: 1 }, { unique: true, sparse: true });
userSchema.index({ externalKey: 1 }, { unique: true, sparse: true });
// SCIM: an identity provider's userName is unique in its tenant, and its `userName eq` lookup is an equality here.
userSchema.index({ tenantId: 1, 'scim.userNameKey': 1 }, { unique: true, partialFilterExpression: { 'scim.userNameKey': { $type: 'string' } } });
userSchema.index({ tenantId: 1, proposedEmail: 1 });
userSchema.index({ migrationId: 1, status: 1 });

// The admin console's queries (api/admin; test/api/query-plans.test.ts asks MongoDB for the plan of
// each). Every list sort ends in _id, the tie-break that keeps pages stable (simple-rest.ts), so
// every index serving a sort ends in _id too; one index serves both directions of its sort.
// Unfiltered lists, one per sortable column:
userSchema.index({ createdAt: -1, _id: -1 }); // the default sort
userSchema.index({ nameLower: 1, _id: 1 });
userSchema.index({ email: 1, _id: 1 }); // the unique index is sparse: it cannot sort users without an e-mail
userSchema.index({ status: 1, _id: 1 }); // also the dashboard's count per status (COUNT_SCAN)
userSchema.index({ code: 1, _id: 1 });
userSchema.index({ statusChangedAt: -1, _id: -1 });
// A filter, newest first (the default sort); each also counts its filter's total (COUNT_SCAN):
userSchema.index({ status: 1, createdAt: -1, _id: -1 }); // the dashboard's links to each status
userSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
userSchema.index({ tenantId: 1, status: 1, createdAt: -1, _id: -1 });
userSchema.index({ role: 1, createdAt: -1, _id: -1 });
userSchema.index({ emailFailing: 1, createdAt: -1, _id: -1 });
// A filter with another sort:
userSchema.index({ status: 1, nameLower: 1, _id: 1 }); // one status, by name
userSchema.index({ tenantId: 1, code: 1, _id: 1 }); // the tenant page's users and its migration panel, by code
userSchema.index({ status: 1, invitedAt: 1 }); // the dashboard's stuck activations, oldest invitation first
// Search q, newest first and by name (user-search.ts): one index per key field and sort. The
// start-up check for keys of an older scheme reads searchKeysVersion once, unindexed (a scan).
userSchema.index({ nameKeys: 1, createdAt: -1, _id: -1 });
userSchema.index({ emailKeys: 1, createdAt: -1, _id: -1 });
userSchema.index({ nameKeys: 1, nameLower: 1, _id: 1 });
userSchema.index({ emailKeys: 1, nameLower: 1, _id: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = model('User', userSchema, 'users');
