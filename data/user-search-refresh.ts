import { Types } from 'mongoose';
import { UserModel } from './models/user.js';
import { SEARCH_KEYS_VERSION } from './models/user-search.js';

const BATCH = 1_000;

type Keyed = { _id: Types.ObjectId; name: string; email?: string | null; proposedEmail?: string | null };

/**
 * Derives these users' search keys by writing each name and e-mail (or proposed e-mail) over
 * itself: the plugin derives the rest (data/models/user-search.ts). A user whose name or e-mail
 * changed since it was read is left to that write, which derived its keys already.
 */
export function deriveSearchKeys(users: Keyed[]) {
  return UserModel.bulkWrite(
    users.map((user) => ({
      updateOne: {
        filter: { _id: user._id, name: user.name, email: user.email ?? null },
        update: { $set: { name: user.name, ...(user.email ? { email: user.email } : user.proposedEmail ? { proposedEmail: user.proposedEmail } : {}) } },
      },
    })),
    { ordered: false },
  );
}

/**
 * Users stored before the current search-key scheme (SEARCH_KEYS_VERSION) would stay invisible to
 * the search until their name changed. The API re-derives them at start-up, a batch at a time.
 * Users waiting in the migration review have no keys on purpose (data/migration-review.ts
 * insertStagedUsers) and are left as they are; one who left the review without "Update accounts"
 * deriving them is found here. Returns how many users it re-derived; on a current database it is
 * one unindexed read that finds nothing.
 */
export async function refreshStaleSearchKeys(): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await UserModel.find({ searchKeysVersion: { $ne: SEARCH_KEYS_VERSION }, inReview: { $ne: true } }, { name: 1, email: 1, proposedEmail: 1 })
      .limit(BATCH)
      .lean();
    if (stale.length === 0) return refreshed;
    const result = await deriveSearchKeys(stale);
    refreshed += result.modifiedCount;
    // A whole batch changed meanwhile: stop rather than risk spinning; the next start goes on.
    if (result.matchedCount === 0) return refreshed;
  }
}

/**
 * The search keys of the users an "Update accounts" run took from the review, which has none: a
 * batch at a time in _id order on the run's index (its users all staged and not invited yet while
 * the run freezes its list), skipping those keyed already, so a retried freeze goes on where it
 * stopped. `progress` is called after each batch (the activity's heartbeat). Returns how many.
 */
export async function deriveRunSearchKeys(migrationId: string, progress: (derived: number) => void = () => {}): Promise<number> {
  let derived = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    const users: Keyed[] = await UserModel.find(
      { migrationId, status: 'staged', invitedAt: null, nameKeys: { $exists: false }, ...(after ? { _id: { $gt: after } } : {}) },
      { name: 1, email: 1, proposedEmail: 1 },
    )
      .sort({ _id: 1 })
      .hint({ migrationId: 1, status: 1, invitedAt: 1, _id: 1 })
      .limit(BATCH)
      .lean<Keyed[]>();
    if (users.length === 0) return derived;
    derived += (await deriveSearchKeys(users)).modifiedCount;
    progress(derived);
    after = users.at(-1)!._id;
  }
}
