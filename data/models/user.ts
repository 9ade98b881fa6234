import { model, Schema, type InferSchemaType } from 'mongoose';
import { activationStatuses } from '../../domain/activation-status.js';
import { locales } from '../../domain/locale.js';
import { roles } from '../../domain/user.js';
import { reviewStatePlugin } from './review-state.js';
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
    /** Search keys: the first 1…16 characters of nameLower from each word on, and of email, and each whole (user-search.ts). Derived, never set by hand. */
    nameKeys: { type: [String], default: undefined },
    emailKeys: { type: [String], default: undefined },
    /** Which scheme derived the search keys; start-up re-derives older ones (data/user-search-refresh.ts). */
    searchKeysVersion: { type: Number },
    legacyUsername: { type: String, default: null },
    /** Login e-mail, lowercased; unique across all tenants. Missing while a migrated user is staged with a problem. */
    email: { type: String },
    /**
     * Login e-mail proposed for a staged user in the migration review; may be missing, invalid or
     * duplicated until fixed. Stored lowercased, as logins are, so the review finds an address's
     * holders on the index (use-cases/migrations/review-problems.ts).
     */
    proposedEmail: { type: String, default: null, lowercase: true, trim: true },
    /** The "Update accounts" run that took this user; set once, so a second run never takes it again. */
    migrationId: { type: String, default: null },
    /**
     * true while the user waits in the migration review: never taken by an "Update accounts" run
     * (migrationId) nor invited (invitedAt). Kept by review-state.ts on every mongoose write; the
     * review's pages and counts walk it on an index (see below).
     */
    inReview: { type: Boolean },
    /**
     * true for the users the console's lists show: every user but those an import staged that are
     * still waiting in the review (whose place is the review's screen). Set when a user is created
     * through mongoose and when a user leaves the review (review-state.ts); the import's lean
     * insert leaves it out, so that its users enter none of the lists' indexes (below).
     */
    listed: { type: Boolean },
    /** A user waiting in the review, staged, whose proposed login has a problem (use-cases/migrations/review-problems.ts keeps it). */
    hasEmailProblem: { type: Boolean },
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
userSchema.plugin(reviewStatePlugin);

// Integrity and the API's own lookups.
userSchema.index({ tenantId: 1, code: 1 }, { unique: true });
userSchema.index({ email: 1 }, { unique: true, sparse: true });
userSchema.index({ externalKey: 1 }, { unique: true, sparse: true });
// SCIM: an identity provider's userName is unique in its tenant, and its `userName eq` lookup is an equality here.
userSchema.index({ tenantId: 1, 'scim.userNameKey': 1 }, { unique: true, partialFilterExpression: { 'scim.userNameKey': { $type: 'string' } } });
userSchema.index({ tenantId: 1, proposedEmail: 1 }); // also the review's in-office twins of an e-mail (review-problems.ts)
// The migration review of an office at any size (use-cases/migrations/review-page.ts), partial so
// that only the users waiting in it have entries: a page by code is a walk of the first, each count
// a COUNT_SCAN of one key range (toMigrate, inactive), the rows to fix and their count the second's.
userSchema.index({ tenantId: 1, inReview: 1, status: 1, code: 1, _id: 1 }, { partialFilterExpression: { inReview: true } });
userSchema.index(
  { tenantId: 1, hasEmailProblem: 1, inReview: 1, status: 1, code: 1, _id: 1 },
  { partialFilterExpression: { hasEmailProblem: true, inReview: true } },
);
// Who may press "Update accounts": the office's active supervisor with the lowest code, first key of a small index.
userSchema.index({ tenantId: 1, code: 1, status: 1 }, { partialFilterExpression: { role: 'supervisor' } });
// The activation tracker's people with a failing e-mail, an office's or a run's: counted on these
// small indexes (only they have entries) instead of reading every user of a large office or run.
userSchema.index({ tenantId: 1, emailFailing: 1, createdAt: -1, _id: -1 }, { partialFilterExpression: { emailFailing: true } });
userSchema.index({ migrationId: 1, emailFailing: 1 }, { partialFilterExpression: { emailFailing: true } });
// The tracker's people stuck in a status, longest first (use-cases/activation/activation-tracker.ts).
userSchema.index({ tenantId: 1, status: 1, statusChangedAt: 1, _id: 1 });
userSchema.index({ migrationId: 1, status: 1, invitedAt: 1, _id: 1 }); // a run's; its invitations nobody answered, oldest first

// The admin console's queries (api/admin; test/api/query-plans.test.ts asks MongoDB for the plan of
// each). Every list sort ends in _id, the tie-break that keeps pages stable (simple-rest.ts), so
// every index serving a sort ends in _id too; one index serves both directions of its sort.
// They hold the listed users only (`listed`, above): partial on it and led by it, so that a list
// (which always says `listed: true`, data/users.ts) is answered from the index alone (MongoDB 6.0
// checks a filter's condition on each document unless the index holds it as a key), and a user an
// import stages enters none of them: 10 index entries a member instead of 31 (issue 24;
// test/api/listed-users.test.ts counts them).
const LISTED = { partialFilterExpression: { listed: true } } as const;
// Unfiltered lists, one per sortable column:
userSchema.index({ listed: 1, createdAt: -1, _id: -1 }, LISTED); // the default sort
userSchema.index({ listed: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, nameLower: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, email: 1, _id: 1 }, LISTED); // the unique index is sparse: it cannot sort users without an e-mail
userSchema.index({ listed: 1, status: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, code: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, statusChangedAt: -1, _id: -1 }, LISTED);
// A filter, newest first (the default sort); each also counts its filter's total (COUNT_SCAN):
userSchema.index({ listed: 1, status: 1, createdAt: -1, _id: -1 }, LISTED); // the dashboard's links to each status
userSchema.index({ listed: 1, tenantId: 1, createdAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, status: 1, createdAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, role: 1, createdAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, emailFailing: 1, createdAt: -1, _id: -1 }, LISTED);
// A filter with another sort:
userSchema.index({ listed: 1, status: 1, nameLower: 1, _id: 1 }, LISTED); // one status, by name
// A status or a tenant with each other sort the console offers (a status holds hundreds of
// thousands of users in a national base, too many to sort in memory, and an office's list is
// always filtered by its tenant; data/paged-list.ts indexOrders reads this list):
userSchema.index({ listed: 1, status: 1, code: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, status: 1, email: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, status: 1, statusChangedAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, nameLower: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, email: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, statusChangedAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, status: 1, _id: 1 }, LISTED);
userSchema.index({ listed: 1, tenantId: 1, code: 1, _id: 1 }, LISTED); // the tenant page's users, by code (with the review's too: the unique {tenantId, code})
// Search q, newest first (user-search.ts): one index per key field, in the default order; a search
// in another order sorts its matches in memory, up to a bound (data/users.ts). The start-up check
// for keys of an older scheme reads searchKeysVersion once, unindexed (a scan).
userSchema.index({ listed: 1, nameKeys: 1, createdAt: -1, _id: -1 }, LISTED);
userSchema.index({ listed: 1, emailKeys: 1, createdAt: -1, _id: -1 }, LISTED);
// Every user, listed or not: the dashboard's counts per status and the sync walk by status
// (COUNT_SCAN; data/user-counts.ts, data/users.ts userSyncQuery), the dashboard's stuck
// activations oldest invitation first, an office's (its count on the index: 251,345 documents
// read otherwise at a million) and the tracker's. A user an import stages enters these at their
// end (status "staged", no invitation, a growing _id), the cheapest place in an index to write.
userSchema.index({ status: 1, _id: 1 });
userSchema.index({ status: 1, invitedAt: 1 });
userSchema.index({ tenantId: 1, status: 1, invitedAt: 1, _id: 1 });
// The sync walk of GET /api/v1/users (data/users.ts userSyncQuery; plans checked in
// test/api/user-sync.test.ts) goes by _id, the one order no write moves a user in, so a walk under
// concurrent updates sees each user once. An office's walk (an office's key always names one) is
// this index's range: updatedSince is checked on its keys, without reading a user that does not
// match; a status is checked on the documents of the range. Without a tenant the walk is the _id
// index's, or { status: 1, _id: 1 } above. One index, not one per combination: every index is paid
// for on every import (issue 24), and a sync walk reads its whole range anyway.
userSchema.index({ tenantId: 1, _id: 1, updatedAt: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = model('User', userSchema, 'users');
