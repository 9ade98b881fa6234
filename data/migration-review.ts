import { Types } from 'mongoose';
import type { ActivationStatus } from '../domain/activation-status.js';
import type { Locale } from '../domain/locale.js';
import type { Role } from '../domain/user.js';
import { isDuplicateKey } from './duplicate-key.js';
import { ReviewCountModel, UserModel } from './models/index.js';
import { nameSortKey } from './models/user-search.js';

/**
 * The migration review's reads and writes, at any office size: every query names the office and
 * reads a bounded number of keys, so its cost follows what it answers (a page, a file's codes and
 * e-mails) and never the office's size; and every command it sends is bounded by its batch, far
 * from MongoDB's 16 MB (test/api/migration-big-office.test.ts measures them).
 *
 * Who waits in the review: the office's users marked `inReview` (data/models/review-state.ts),
 * staged (to migrate) or inactive (inactivated in the review).
 */

/** How many values one `$in` carries: 1,000 e-mails of at most 254 characters stay under 300 KB. */
export const IN_BATCH = 1_000;
/** How many users one insert command carries (a few MB with their search keys). */
export const INSERT_BATCH = 1_000;
/** Insert commands in flight at once: mongod indexes one on each core while the next is serialized. */
const INSERT_CONCURRENCY = 2;

export const batches = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** The review's partial indexes (data/models/user.ts). */
export const REVIEW_INDEX = { tenantId: 1, inReview: 1, status: 1, code: 1, _id: 1 } as const;
export const PROBLEMS_INDEX = { tenantId: 1, hasEmailProblem: 1, inReview: 1, status: 1, code: 1, _id: 1 } as const;

/** The users of an office waiting in the review: all of them, or those of one status. */
export const reviewWhere = (tenantId: string | Types.ObjectId, status?: 'staged' | 'inactive'): Record<string, unknown> => ({
  tenantId: new Types.ObjectId(String(tenantId)),
  inReview: true,
  status: status ?? { $in: ['staged', 'inactive'] },
});

/** The staged users with a problem flagged (the partial index on hasEmailProblem). */
export const problemsWhere = (tenantId: string | Types.ObjectId): Record<string, unknown> => ({
  tenantId: new Types.ObjectId(String(tenantId)),
  hasEmailProblem: true,
  inReview: true,
  status: 'staged',
});

/** The codes among `codes` that some user of the office has already: on the unique {tenantId, code} index, a batch at a time. */
export async function takenCodes(tenantId: Types.ObjectId, codes: number[]): Promise<Set<number>> {
  const taken = new Set<number>();
  for (const batch of batches(codes, 10 * IN_BATCH)) {
    const found = await UserModel.find({ tenantId, code: { $in: batch } }, { _id: 0, code: 1 }).lean();
    for (const user of found) taken.add(user.code);
  }
  return taken;
}

/** What the review's e-mail rules read of a user. */
export interface EmailHolder {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  email?: string | null;
  proposedEmail?: string | null;
  status: ActivationStatus;
  inReview?: boolean | null;
  hasEmailProblem?: boolean | null;
}

const holderFields = { tenantId: 1, email: 1, proposedEmail: 1, status: 1, inReview: 1, hasEmailProblem: 1 } as const;

/**
 * Who holds these e-mails (stored lowercased, as logins are): the office's users waiting in the
 * review whose proposed e-mail it is ({tenantId, proposedEmail}), and the users anywhere whose
 * login it is (the unique e-mail index). A batch of e-mails per query.
 */
export async function emailHolders(tenantId: Types.ObjectId, emails: string[]): Promise<{ proposing: EmailHolder[]; logins: EmailHolder[] }> {
  const proposing: EmailHolder[] = [];
  const logins: EmailHolder[] = [];
  for (const batch of batches(emails, IN_BATCH)) {
    const [byProposal, byLogin] = await Promise.all([
      UserModel.find({ tenantId, proposedEmail: { $in: batch }, inReview: true }, holderFields).lean<EmailHolder[]>(),
      UserModel.find({ email: { $in: batch } }, holderFields).lean<EmailHolder[]>(),
    ]);
    proposing.push(...byProposal);
    logins.push(...byLogin);
  }
  return { proposing, logins };
}

/**
 * Of these addresses, those that more than one user of the office proposes (any user, not only
 * those waiting in the review: a superset), and those that are some user's login: read from the
 * indexes alone ({tenantId, proposedEmail}, the unique e-mail index), no document fetched. What an
 * import checks after its write, so that only the addresses that may have a twin are derived again.
 */
export async function addressesToCheck(tenantId: Types.ObjectId, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of batches(emails, IN_BATCH)) {
    const [proposedTwice, logins] = await Promise.all([
      UserModel.aggregate<{ _id: string }>([
        { $match: { tenantId, proposedEmail: { $in: batch } } },
        { $group: { _id: '$proposedEmail', n: { $sum: 1 } } },
        { $match: { n: { $gt: 1 } } },
      ]),
      UserModel.find({ email: { $in: batch } }, { _id: 0, email: 1 }).lean(),
    ]);
    for (const { _id } of proposedTwice) found.add(_id);
    for (const { email } of logins) found.add(email!);
  }
  return found;
}

/** The users of the review with these ids, with what the rules read. */
export async function reviewUsersById(tenantId: Types.ObjectId, ids: Types.ObjectId[]): Promise<EmailHolder[]> {
  const found: EmailHolder[] = [];
  for (const batch of batches(ids, IN_BATCH))
    found.push(...(await UserModel.find({ _id: { $in: batch }, tenantId, inReview: true }, holderFields).lean<EmailHolder[]>()));
  return found;
}

/**
 * Sets each user's problem flag, only where the user still is as it was read (the same e-mails and
 * status): a user changed meanwhile is left to the write that changed it, which sets its flag.
 * Returns how many flags changed.
 */
export async function writeProblemFlags(changes: { user: EmailHolder; flagged: boolean }[]): Promise<number> {
  let modified = 0;
  for (const batch of batches(changes, IN_BATCH)) {
    const result = await UserModel.bulkWrite(
      batch.map(({ user, flagged }) => ({
        updateOne: {
          filter: { _id: user._id, inReview: true, status: user.status, email: user.email ?? null, proposedEmail: user.proposedEmail ?? null },
          update: flagged ? { $set: { hasEmailProblem: true } } : { $unset: { hasEmailProblem: 1 } },
        },
      })),
      { ordered: false },
    );
    modified += result.modifiedCount;
  }
  return modified;
}

export interface StagedUser {
  code: number;
  name: string;
  legacyUsername: string | null;
  proposedEmail: string | null;
  role: Role;
  locale: Locale;
  hasEmailProblem: boolean;
}

let defaults: Record<string, unknown> | undefined;

/**
 * Stages imported users: whole documents built here (the schema's defaults, the timestamps, the
 * name's sort key and the review mark, as the model's hooks would), inserted by the driver through
 * mongoose's lean insertMany, which skips building a mongoose document per row: that took twice
 * the CPU of these (docs/benchmarks.md). INSERT_BATCH users per command, unordered: a row whose
 * code another user took meanwhile (the unique {tenantId, code} index) fails alone. Returns each
 * row's id and the positions refused for their code.
 *
 * Without search keys: a user's keys are 54 of its 85 index entries, each at its own place in a
 * large B-tree, most of an import's cost; without them its two key indexes get one entry each (no
 * key: null, in creation order). Nobody needs them while the user waits in the review: the review's
 * own search checks each of its users' name and addresses (review-page.ts). "Update accounts"
 * derives them for the users it takes (activities/migration.ts), so the users list's search finds
 * them from then on; a user who leaves the review another way gets them as its lifecycle starts
 * (use-cases/users/start-lifecycle.ts) or at the next start-up (data/user-search-refresh.ts).
 *
 * Nor `listed`: the users lists show them from the moment they leave the review (the review mark's
 * hooks set it, review-state.ts), and until then their 23 indexes have no entry for them either:
 * an imported member writes 10 index entries instead of 31 (issue 24's 10,000 rows/s).
 */
export async function insertStagedUsers(tenantId: Types.ObjectId, users: StagedUser[], now = new Date()) {
  if (!defaults) {
    const { _id: _unused, ...rest } = UserModel.applyDefaults({}) as Record<string, unknown>;
    defaults = rest;
  }
  const docs = users.map((user) => {
    // Object.assign over the defaults, not `{ ...defaults, … }`: V8 built the spread and its 15 more
    // fields in a slow object mode, 37 µs a user against 5; the import's API CPU per row halved (docs/benchmarks.md).
    const doc: Record<string, unknown> = Object.assign({}, defaults, {
      _id: new Types.ObjectId(),
      tenantId,
      code: user.code,
      name: user.name,
      legacyUsername: user.legacyUsername,
      proposedEmail: user.proposedEmail,
      role: user.role,
      locale: user.locale,
      status: 'staged',
      statusChangedAt: now,
      createdAt: now,
      updatedAt: now,
      __v: 0,
      nameLower: nameSortKey(user.name),
      // In the review, and not `listed`: it enters none of the users lists' 23 indexes (data/models/user.ts).
      inReview: true,
    });
    if (user.hasEmailProblem) doc.hasEmailProblem = true;
    return doc;
  });
  const refused = new Set<number>();
  const slices = batches(
    docs.map((doc, index) => ({ doc, index })),
    INSERT_BATCH,
  );
  let next = 0;
  const insertSlices = async () => {
    while (next < slices.length) {
      const slice = slices[next++]!;
      try {
        await UserModel.insertMany(
          slice.map(({ doc }) => doc),
          { ordered: false, lean: true },
        );
      } catch (error) {
        const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
        if (!writeErrors?.length || !writeErrors.every(isDuplicateKey)) throw error;
        for (const writeError of writeErrors) refused.add(slice[writeError.index]!.index);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSERT_CONCURRENCY, slices.length) }, insertSlices));
  return { ids: docs.map((doc) => doc._id as Types.ObjectId), refused };
}

export interface ReviewRecord {
  _id: Types.ObjectId;
  code: number;
  name: string;
  legacyUsername?: string | null;
  role: string;
  email?: string | null;
  proposedEmail?: string | null;
  status: ActivationStatus;
  tenantId: Types.ObjectId;
  inReview?: boolean | null;
  hasEmailProblem?: boolean | null;
}

const recordFields = { code: 1, name: 1, legacyUsername: 1, role: 1, ...holderFields } as const;

/** The records of these ids, in this order (one left out if it left the review meanwhile). */
export async function reviewRecords(tenantId: Types.ObjectId, ids: Types.ObjectId[]): Promise<ReviewRecord[]> {
  if (ids.length === 0) return [];
  const found = await UserModel.find({ _id: { $in: ids }, tenantId, inReview: true }, recordFields).lean<ReviewRecord[]>();
  const byId = new Map(found.map((record) => [String(record._id), record]));
  return ids.flatMap((id) => byId.get(String(id)) ?? []);
}

/**
 * A page of the review by code: the ids, from the index alone (`index`: the review's or, for the
 * rows to fix, the problems'), `after` a code (the rows past it: a keyset, as cheap deep in the
 * review as at its start), then `skip` and `limit`.
 */
export function reviewPageIds(
  where: Record<string, unknown>,
  page: { afterCode?: number; skip: number; limit: number },
  index?: typeof REVIEW_INDEX | typeof PROBLEMS_INDEX,
) {
  const from = page.afterCode === undefined ? where : { ...where, code: { $gt: page.afterCode } };
  const query = UserModel.find(from, { _id: 1 }).sort({ code: 1 }).skip(page.skip).limit(page.limit);
  // Named: with a code bound the {tenantId, code} index ties in the planner's trial, and walks users out of the review too.
  if (index) query.hint(index);
  return query.lean<{ _id: Types.ObjectId }[]>();
}

/** How many match, counting no further than `limit` (a count that stops on the index), on `index` if named. */
export async function countReview(where: Record<string, unknown>, limit?: number, index?: typeof REVIEW_INDEX | typeof PROBLEMS_INDEX): Promise<number> {
  const pipeline = [{ $match: where }, ...(limit === undefined ? [] : [{ $limit: limit }]), { $group: { _id: 1, n: { $sum: 1 } } }];
  const count = UserModel.aggregate<{ n: number }>(pipeline);
  if (index) count.hint(index);
  return (await count)[0]?.n ?? 0;
}

/** Up to this many users in its review an office's counts are read live, on every request. */
export const LIVE_REVIEW_COUNT_LIMIT = 20_000;
/** How long a large review's counts are answered from their last count. */
export const REVIEW_COUNTS_FRESH_MS = 30_000;

/**
 * How many users the office's review has to migrate and inactivated. Each is a count on the
 * review's index (a COUNT_SCAN: about 170 ns a user here), live and exact for a review of up to
 * LIVE_REVIEW_COUNT_LIMIT users. A larger one (200,000 users: some 35 ms of mongod per count) is
 * counted at most every REVIEW_COUNTS_FRESH_MS and kept in `reviewCounts`, and counted again after
 * any write of the review that changes them (reviewChanged: an import, an inactivation or inclusion,
 * the run of "Update accounts" taking the office's users): what other writes do (a user staged or
 * deleted in the users list) shows within that time. A count is stored only if no such write came
 * between its start and its end (a compare-and-set on `generation`), so it never hides one.
 */
export async function reviewCounts(tenantId: Types.ObjectId, now = new Date()): Promise<{ toMigrate: number; inactive: number; countedAt: Date | null }> {
  const stored = await ReviewCountModel.findById(String(tenantId)).lean();
  if (stored?.countedAt && stored.toMigrate != null && stored.inactive != null && now.getTime() - stored.countedAt.getTime() <= REVIEW_COUNTS_FRESH_MS)
    return { toMigrate: stored.toMigrate, inactive: stored.inactive, countedAt: stored.countedAt };
  const [toMigrate, inactive] = await Promise.all([countReview(reviewWhere(tenantId, 'staged')), countReview(reviewWhere(tenantId, 'inactive'))]);
  if (toMigrate + inactive > LIVE_REVIEW_COUNT_LIMIT) {
    const counted = { toMigrate, inactive, countedAt: now };
    try {
      await ReviewCountModel.updateOne({ _id: String(tenantId), generation: stored?.generation ?? 0 }, { $set: counted }, { upsert: !stored });
    } catch (error) {
      // Another count or a write of the review created the document meanwhile: this count is not kept.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return { toMigrate, inactive, countedAt: null };
}

/** A write changed who waits in the office's review: its next read counts again. */
export async function reviewChanged(tenantId: Types.ObjectId | string) {
  // Created if absent, so that a count started before this write and finishing after it is not kept.
  await ReviewCountModel.updateOne({ _id: String(tenantId) }, { $inc: { generation: 1 }, $unset: { countedAt: 1 } }, { upsert: true });
}

/**
 * "Update accounts" takes the office's staged users waiting in the review into its run, a batch at
 * a time on the review's index (a user taken leaves it, so each batch is the next one), so that a
 * large office is taken in many short writes with `progress` called between them (the activity's
 * heartbeat) rather than one write of minutes. Returns how many it took.
 */
export async function takeIntoRun(tenantId: Types.ObjectId, migrationId: string, progress: (taken: number) => void = () => {}): Promise<number> {
  let taken = 0;
  for (;;) {
    const ids = await reviewPageIds(reviewWhere(tenantId, 'staged'), { skip: 0, limit: IN_BATCH }, REVIEW_INDEX);
    if (ids.length === 0) return taken;
    const result = await UserModel.updateMany({ _id: { $in: ids.map((entry) => entry._id) }, status: 'staged', migrationId: null }, { $set: { migrationId } });
    // None taken: those users are marked in review but taken already (a write outside mongoose); no spinning on them.
    if (result.modifiedCount === 0) return taken;
    taken += result.modifiedCount;
    progress(taken);
  }
}

/** The office's active supervisor with the lowest code (the partial index on supervisors), or null. */
export function lowestActiveSupervisor(tenantId: string | Types.ObjectId) {
  return UserModel.findOne({ tenantId: new Types.ObjectId(String(tenantId)), role: 'supervisor', status: { $ne: 'inactive' } }, { code: 1, name: 1 })
    .sort({ code: 1 })
    .hint({ tenantId: 1, code: 1, status: 1 })
    .lean();
}

/** One user of the office, as the eligibility rule reads it. */
export const officeMember = (tenantId: string | Types.ObjectId, userId: string) =>
  Types.ObjectId.isValid(userId)
    ? UserModel.findOne({ _id: new Types.ObjectId(userId), tenantId: new Types.ObjectId(String(tenantId)) }, { code: 1, name: 1, role: 1, status: 1 }).lean()
    : null;

/**
 * Users stored before the review mark existed, still waiting in the review (never taken by a run,
 * never invited), get it: once, at start-up (api/server.ts). On a marked database it is one
 * unindexed read that finds nothing. Returns how many it marked.
 */
export async function markUnmarkedReviewUsers(): Promise<number> {
  const result = await UserModel.updateMany({ inReview: { $exists: false }, migrationId: null, invitedAt: null }, { $set: { inReview: true } });
  return result.modifiedCount;
}

/**
 * Users stored before the lists' mark existed (`listed`, data/models/user.ts) get it, but for those
 * still waiting in the review: once, at start-up (api/server.ts), after markUnmarkedReviewUsers. On
 * a marked database it is one unindexed read that finds nothing. Returns how many it marked.
 */
export async function markUnlistedUsers(): Promise<number> {
  const result = await UserModel.updateMany({ listed: { $exists: false }, inReview: { $ne: true } }, { $set: { listed: true } });
  return result.modifiedCount;
}
