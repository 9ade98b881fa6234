import { UserModel } from './models/user.js';
import { SEARCH_KEYS_VERSION } from './models/user-search.js';

const BATCH = 1_000;

/**
 * Users stored before the current search-key scheme (SEARCH_KEYS_VERSION) would stay invisible to
 * the search until their name changed. The API re-derives them at start-up, a batch at a time, by
 * writing each name and e-mail (or proposed e-mail) over itself: the plugin derives the rest. A user whose name or
 * e-mail changed since the batch was read is left to that write, which derived its keys already.
 * Returns how many users it re-derived; on a current database it is one unindexed read that finds
 * nothing.
 */
export async function refreshStaleSearchKeys(): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await UserModel.find({ searchKeysVersion: { $ne: SEARCH_KEYS_VERSION } }, { name: 1, email: 1, proposedEmail: 1 })
      .limit(BATCH)
      .lean();
    if (stale.length === 0) return refreshed;
    const result = await UserModel.bulkWrite(
      stale.map((user) => ({
        updateOne: {
          filter: { _id: user._id, name: user.name, email: user.email ?? null },
          update: { $set: { name: user.name, ...(user.email ? { email: user.email } : user.proposedEmail ? { proposedEmail: user.proposedEmail } : {}) } },
        },
      })),
      { ordered: false },
    );
    refreshed += result.modifiedCount;
    // A whole batch changed meanwhile: stop rather than risk spinning; the next start goes on.
    if (result.matchedCount === 0) return refreshed;
  }
}
