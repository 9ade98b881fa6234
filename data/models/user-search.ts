import type { Schema } from 'mongoose';
import { foldText, searchText, wordSuffixes } from '../../domain/search-text.js';
import { escapeRegex } from '../list-filters.js';

/**
 * The admin's search `q` through an index, in the order of the list's sort. `q` finds a user when
 * its words start consecutive words of the name ("costa", "joao", "JOÃO S" all find "João Silva
 * Costa") or when it starts the login e-mail, without case or accents (domain/search-text.ts).
 *
 * A regex prefix is an index range; a range on one field followed by a sort on another needs an
 * in-memory sort of every match. So each user stores its *search keys*, and a `q` is an equality
 * on one key: a multikey index `{nameKeys, <sort field>, _id}` walks the matches already in the
 * sort's order, and the name's and the e-mail's walks are merged (SORT_MERGE), never sorted.
 *
 * - `nameKeys`: the first 1…10 characters of the folded name from each of its words on ("j" …
 *   "joao silva", "s" … "silva cost", "c" … "costa"). A key per word *suffix* rather than per
 *   word is what lets a query of several words ("joao s", "silva c") be one equality too, with an
 *   exact count, instead of a walk over every "joao" checking the next word on each document.
 * - `emailKeys`: the first 1…10 characters of the e-mail; for a user still waiting for the
 *   migration (no login yet), of the proposed e-mail the review shows as the new login, so the
 *   office finds them by the address they will sign in with.
 *
 * The trade-off is index entries: 10 characters cover a first name and the start of the next word
 * ("gabriela s"); past them, the first 10 are the key and the rest is checked on the candidates,
 * already few. Per word suffix they cost on average 22 name keys per user at this length (16 for
 * one key per word prefix, 10 for the full name's prefixes alone, 19 at 8 characters; measured on
 * bench/people.ts), each in two indexes; keys that end in a space are never queried and not stored.
 *
 * Two fields rather than one so every write can derive them from what it writes (a new e-mail
 * alone gives the new `emailKeys`), without reading the document: the hooks below do it for
 * every mongoose write path, so no caller maintains them by hand.
 */
export const SEARCH_KEY_LENGTH = 10;

/**
 * Stamped on each user whose keys are derived as described above; a user with another stamp (or
 * none) has keys of an earlier scheme and is re-derived at start-up (data/user-search-refresh.ts).
 */
export const SEARCH_KEYS_VERSION = 3;

const prefixes = (text: string) => {
  const characters = Array.from(text);
  return Array.from({ length: Math.min(SEARCH_KEY_LENGTH, characters.length) }, (_, length) => characters.slice(0, length + 1).join(''));
};

/** The name's search keys: the first 1…10 characters of the folded name from each word on. */
export function nameSearchKeys(name: string): string[] {
  return [...new Set(wordSuffixes(name).flatMap(prefixes))].filter((key) => !key.endsWith(' '));
}

/** The e-mail's search keys: its first 1…10 characters, folded. */
export function emailSearchKeys(email: string): string[] {
  return prefixes(foldText(email));
}

/** The key a text is looked up by, and the text itself when it is longer (checked on the candidates). */
function lookup(text: string) {
  // A key never ends in a space: "abcdefghi jk" is looked up as "abcdefghi", then checked.
  const key = Array.from(text).slice(0, SEARCH_KEY_LENGTH).join('').trimEnd();
  return { key, longer: key.length < text.length };
}

/** What a field's check reads when the field is empty: the proposed e-mail of a user without a login. */
const fallback: Record<string, string> = { email: '$proposedEmail' };

/**
 * `q` (any case, any accents) combined with the list's other filters. The filters go into each
 * branch of the `$or` so MongoDB plans each branch on its own index and merges them in sort order;
 * a filter next to the `$or` makes it plan the `$or` as a whole and sort in memory. A `q` with a
 * space cannot start an e-mail, so it searches names alone.
 */

export function userSearchFilter(q: string, filters: Record<string, unknown>): Record<string, unknown> {
  const nameText = searchText(q);
  const emailText = foldText(q.trim());
  const branches: Record<string, unknown>[] = [];
  // Past the key's length the candidates are checked with $regexMatch: unlike a plain regex on
  // nameLower or email, it cannot tempt the planner into a range scan that loses the sort order.
  const check = (field: string, regex: string) => ({
    $expr: { $regexMatch: { input: { $ifNull: [`$${field}`, { $ifNull: [fallback[field] ?? null, ''] }] }, regex } },
  });
  if (nameText) {
    const { key, longer } = lookup(nameText);
    // nameLower holds the folded words joined by single spaces, as nameText does.
    branches.push({ nameKeys: key, ...(longer ? check('nameLower', `(^| )${escapeRegex(nameText)}`) : {}), ...filters });
  }
  if (emailText && !/\s/.test(emailText)) {
    // Keys of the e-mail or, without one, of the proposed e-mail (derived below): checked on the same.
    const { key, longer } = lookup(emailText);
    branches.push({ emailKeys: key, ...(longer ? check('email', `^${escapeRegex(emailText)}`) : {}), ...filters });
  }
  if (branches.length === 0) return { _id: { $in: [] } }; // only punctuation and spaces: nothing to find
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

type Fields = Record<string, unknown>;

/** nameLower, nameKeys and emailKeys for the name and e-mail (or proposed e-mail) among `fields`; `unset` lists what to remove. */
function derived(fields: Fields): { set: Fields; unset: string[] } {
  const set: Fields = {};
  const unset: string[] = [];
  if (typeof fields.name === 'string') {
    // The name sort's key too: folded, "Álvaro" sorts with the a's rather than after "Zé".
    set.nameLower = searchText(fields.name) || fields.name.trim().toLowerCase();
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
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function () {
    this.setUpdate(withDerivedFields(this.getUpdate()) as never);
  });
  schema.pre('bulkWrite', function (ops: Fields[]) {
    for (const op of ops) {
      for (const kind of ['updateOne', 'updateMany'] as const) {
        const write = op[kind] as { update?: unknown } | undefined;
        if (write) write.update = withDerivedFields(write.update);
      }
      const insert = op.insertOne as { document?: Fields } | undefined;
      if (insert?.document) Object.assign(insert.document, derived(insert.document).set);
    }
  });
}
