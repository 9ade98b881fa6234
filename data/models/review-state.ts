import type { Schema } from 'mongoose';
import { deriveOnUpdates } from './write-hooks.js';

/**
 * `inReview` marks the users waiting in the migration review: created, and neither taken by an
 * "Update accounts" run (`migrationId`) nor ever invited (`invitedAt`). Both are set once and never
 * cleared (the lifecycle keeps its first invitation's time), so the mark is set when a user is
 * created and removed by the write that sets either: every such write says so itself, and the hooks
 * below keep the mark without reading the document, on every mongoose write path (as the search
 * keys are, user-search.ts). The review then counts an office's users to migrate as one key range
 * of a partial index (a COUNT_SCAN) rather than as a filter on two nulls checked key by key.
 *
 * Writes through the raw driver collection (a bench's bulk seed, the import's lean insert, which
 * sets the mark itself) bypass the hooks; update pipelines are refused by the search-keys plugin.
 * Users stored before the mark existed get it once at start-up (data/migration-review.ts markUnmarkedReviewUsers,
 * markUnlistedUsers for `listed`, which these hooks also set: on creation, and as a user leaves the review).
 */

type Fields = Record<string, unknown>;

const given = (value: unknown) => value !== undefined && value !== null;

/** Whether an update takes the user out of the review: it sets a migration run or an invitation time. */
function leavesReview(update: Fields): boolean {
  const { $set, ...others } = update as Fields & { $set?: Fields };
  const set = { ...Object.fromEntries(Object.entries(others).filter(([key]) => !key.startsWith('$'))), ...$set };
  return given(set.migrationId) || given(set.invitedAt);
}

function withReviewState(update: unknown): unknown {
  if (update === null || typeof update !== 'object' || Array.isArray(update) || !leavesReview(update as Fields)) return update;
  const { $unset, $set, ...rest } = update as Fields & { $unset?: Fields; $set?: Fields };
  return { ...rest, $set: { ...$set, listed: true }, $unset: { ...$unset, inReview: 1, hasEmailProblem: 1 } };
}

/** The mark of a user being created with these fields. */
export const reviewStateOf = (fields: Fields): Fields => ({
  ...(given(fields.migrationId) || given(fields.invitedAt) ? {} : { inReview: true }),
  listed: true,
});

export function reviewStatePlugin(schema: Schema) {
  schema.pre('validate', function () {
    if (!this.isNew) return;
    const state = reviewStateOf({ migrationId: this.get('migrationId'), invitedAt: this.get('invitedAt') });
    this.set('inReview', state.inReview);
    this.set('listed', state.listed);
  });
  deriveOnUpdates(schema, withReviewState, reviewStateOf);
}
