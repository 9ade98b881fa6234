import type { Schema } from 'mongoose';
import { deriveOnUpdates } from './write-hooks.js';
import { foldText, searchText, wordSuffixes } from '../../domain/search-text.js';

/**
 * The admin's search `q` through an index, in the order of the list's sort. `q` finds a user when
 * its words start consecutive words of the name ("costa", "joao", "JOÃO S" all find "João Silva
 * Costa") or when it starts the login e-mail, without case or accents (domain/search-text.ts).
 *
 * A regex prefix is an index range; a range on one field followed by a sort on another needs an
 * in-memory sort of every match. So each user stores its *search keys*, and a `q` is an equality
 * on one key: a multikey index `{nameKeys, createdAt, _id}` walks the matches already in the
 * list's order, and the name's and the e-mail's walks are merged (SORT_MERGE), never sorted; the
 * total is counted on the same keys, without reading a document.
 *
 * - `nameKeys`: the first 1…16 characters of the folded name from each of its words on ("j" …
 *   "joao silva costa", "s" … "silva costa", "c" … "costa"), and each of those texts whole when it
 *   is longer. A key per word *suffix* rather than per word is what lets a query of several words
 *   ("joao s", "maria da silva s") be one equality too, with an exact count.
 * - `emailKeys`: the first 1…16 characters of the e-mail and the whole e-mail; for a user still
 *   waiting for the migration (no login yet), of the proposed e-mail the review shows as the new
 *   login, so the office finds them by the address they will sign in with.
 *
 * Why 16: a query up to the keys' length is an equality, however common its start; a longer one
 * is a range over the whole texts (`[q, q⁺)`, still on the index and counted there), whose matches
 * MongoDB sorts in memory, so the longer queries must be rare ones. Up to 10 characters (the
 * previous length) the commonest starts are far too many: "maria da s" is 9,290 people per million
 * in bench/people.ts, and "maria.silva" 31,000; past 16, the commonest is 3,850 ("maria de
 * oliveira"). The queries people type from a name's start ("maria da silva s", "ana paula
 * santos", "joao silva 9") are 16 characters or fewer. The price is keys: per user
 * (bench/people.ts, 3.4 words, 21.5 characters, a 33-character e-mail) 37.5 name keys and 17
 * e-mail keys, against 26.5 and 10 at length 10, so each key field has *one* index, in the default
 * order (newest first): 54.4 index entries per user where the two indexes per field of length 10
 * took 73.0, and 1,488 MiB where they took 1,804 at 1,005,000 users (collStats). A search in
 * another order (by name, by code, …) is sorted in memory when it has few matches, or walks that
 * order's index (data/paged-list.ts findFilteredSearchPage). Keys that end in a space are never
 * queried and not stored.
 *
 * Two fields rather than one so every write can derive them from what it writes (a new e-mail
 * alone gives the new `emailKeys`), without reading the document: the hooks below do it for
 * every mongoose write path, so no caller maintains them by hand.
 */
export const SEARCH_KEY_LENGTH = 16;

/**
 * Stamped on each user whose keys are derived as described above; a user with another stamp (or
 * none) has keys of an earlier scheme and is re-derived at start-up (data/user-search-refresh.ts).
 */
export const SEARCH_KEYS_VERSION = 4;

/** The first 1…SEARCH_KEY_LENGTH characters of `text`, and `text` itself when longer. */
const prefixes = (text: string) => {
  const characters = Array.from(text);
  const keys = Array.from({ length: Math.min(SEARCH_KEY_LENGTH, characters.length) }, (_, length) => characters.slice(0, length + 1).join(''));
  return characters.length > SEARCH_KEY_LENGTH ? [...keys, text] : keys;
};

/** The name's search keys: the first 1…16 characters of the folded name from each word on, and each of those texts whole. */
export function nameSearchKeys(name: string): string[] {
  return [...new Set(wordSuffixes(name).flatMap(prefixes))].filter((key) => !key.endsWith(' '));
}

/** The e-mail's search keys: its first 1…16 characters, folded, and the whole folded e-mail. */
export function emailSearchKeys(email: string): string[] {
  return prefixes(foldText(email));
}

/** The first string after every string that starts with `text` (its last character's successor). */
function successor(text: string) {
  const characters = Array.from(text);
  const last = characters.pop()!.codePointAt(0)! + 1;
  // Past the surrogates' block, the next character is U+E000.
  return characters.join('') + String.fromCodePoint(last >= 0xd800 && last <= 0xdfff ? 0xe000 : last);
}

/**
 * What a key field must hold for `text` to start it: the key itself up to the keys' length (an
 * equality: the index gives the list's order); past it, any whole text that starts so (a range).
 */
function keyMatch(text: string) {
  // $elemMatch: one key within both bounds (on an array, two bare bounds may hold on different keys).
  return Array.from(text).length <= SEARCH_KEY_LENGTH ? text : { $elemMatch: { $gte: text, $lt: successor(text) } };
}

/**
 * What `q` is matched as, by both searches below: the name's text (folded words joined by single
 * spaces) and the e-mail's start (folded), or null for a `q` with a space, which cannot start one.
 */
function queryTexts(q: string) {
  const emailText = foldText(q.trim());
  return { nameText: searchText(q), emailText: emailText && !/\s/.test(emailText) ? emailText : null };
}

/**
 * `q` (any case, any accents) combined with the list's other filters. The filters go into each
 * branch of the `$or` so MongoDB plans each branch on its own index and merges them in sort order;
 * a filter next to the `$or` makes it plan the `$or` as a whole and sort in memory. A `q` with a
 * space cannot start an e-mail, so it searches names alone.
 */
export function userSearchFilter(q: string, filters: Record<string, unknown>): Record<string, unknown> {
  const { nameText, emailText } = queryTexts(q);
  const branches: Record<string, unknown>[] = [];
  // nameKeys hold the folded words joined by single spaces, as nameText does.
  if (nameText) branches.push({ nameKeys: keyMatch(nameText), ...filters });
  // Keys of the e-mail or, without one, of the proposed e-mail (derived below).
  if (emailText) branches.push({ emailKeys: keyMatch(emailText), ...filters });
  if (branches.length === 0) return { _id: { $in: [] } }; // only punctuation and spaces: nothing to find
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

/** `text` as a literal inside a regular expression. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The same search as userSearchFilter, checked on each document's own fields instead of its keys:
 * for users who have none, those waiting in the migration review (data/migration-review.ts
 * insertStagedUsers), found by walking the review's own index. The name's words are stored folded
 * and joined by single spaces (nameLower), so "its words start consecutive words of the name" is a
 * match at the start or after a space; the e-mail is the login or, without one, the proposed one.
 */
export function userSearchWalkFilter(q: string): Record<string, unknown> {
  const { nameText, emailText } = queryTexts(q);
  const branches: Record<string, unknown>[] = [];
  if (nameText) branches.push({ nameLower: { $regex: `(?:^| )${literal(nameText)}` } });
  if (emailText) {
    const start = { $regex: `^${literal(emailText)}` };
    branches.push({ email: start }, { email: null, proposedEmail: start });
  }
  return branches.length === 0 ? { _id: { $in: [] } } : { $or: branches };
}

type Fields = Record<string, unknown>;

/** The name sort's key (nameLower): folded, so "Álvaro" sorts with the a's rather than after "Zé". */
export const nameSortKey = (name: string) => searchText(name) || name.trim().toLowerCase();

/** nameLower, nameKeys and emailKeys for the name and e-mail (or proposed e-mail) among `fields`; `unset` lists what to remove. */
function derived(fields: Fields): { set: Fields; unset: string[] } {
  const set: Fields = {};
  const unset: string[] = [];
  if (typeof fields.name === 'string') {
    set.nameLower = nameSortKey(fields.name);
    set.nameKeys = nameSearchKeys(fields.name);
    set.searchKeysVersion = SEARCH_KEYS_VERSION;
  }
  const proposed = typeof fields.proposedEmail === 'string' && fields.proposedEmail ? fields.proposedEmail : null;
  if ('email' in fields) {
    if (typeof fields.email === 'string' && fields.email) set.emailKeys = emailSearchKeys(fields.email);
    else if (proposed) set.emailKeys = emailSearchKeys(proposed);
    else unset.push('emailKeys');
  } else if (proposed) {
    // A staged user's proposed login (an import, or the review's fix, which also drops any e-mail): it has no login of its own.
    set.emailKeys = emailSearchKeys(proposed);
  }
  return { set, unset };
}

/** An update ($set/$unset, or bare fields, which mongoose treats as $set) with the derived fields added. */
function withDerivedFields(update: unknown): unknown {
  if (update === null || typeof update !== 'object') return update;
  if (Array.isArray(update)) throw new Error('users: an update pipeline would leave the search keys stale; use $set/$unset');
  const { $set, $unset, ...others } = update as Fields & { $set?: Fields; $unset?: Fields };
  const operators = Object.fromEntries(Object.entries(others).filter(([key]) => key.startsWith('$')));
  const bare = Object.fromEntries(Object.entries(others).filter(([key]) => !key.startsWith('$')));
  const set: Fields = { ...bare, ...$set };
  const unset: Fields = { ...$unset };
  const fromSet = derived(set);
  // An e-mail removed with a proposed one set (the review's fix) keeps keys: the proposed e-mail's.
  const fromUnset = 'email' in unset && !('emailKeys' in fromSet.set) ? ['emailKeys'] : [];
  const nextSet = { ...set, ...fromSet.set };
  const nextUnset = { ...unset, ...Object.fromEntries([...fromSet.unset, ...fromUnset].map((field) => [field, 1])) };
  return {
    ...operators,
    ...(Object.keys(nextSet).length > 0 ? { $set: nextSet } : {}),
    ...(Object.keys(nextUnset).length > 0 ? { $unset: nextUnset } : {}),
  };
}

/**
 * Keeps nameLower, nameKeys and emailKeys consistent with name and e-mail (or proposed e-mail) on every mongoose write:
 * create/save and insertMany (validation), updateOne/updateMany/findOneAndUpdate (also a
 * document's updateOne), and bulkWrite (the migration assigns logins that way). Writes through the
 * raw driver collection, insertMany with `lean` and replaceOne (none of which the code uses on
 * users) bypass it; update pipelines are refused, their result cannot be known here.
 */
export function userSearchKeysPlugin(schema: Schema) {
  schema.pre('validate', function () {
    const { set, unset } = derived({ name: this.get('name'), email: this.get('email'), proposedEmail: this.get('proposedEmail') });
    for (const [field, value] of Object.entries(set)) this.set(field, value);
    for (const field of unset) this.set(field, undefined);
  });
  deriveOnUpdates(schema, withDerivedFields, (document) => derived(document).set);
}
