import type { Schema } from 'mongoose';

/**
 * The admin's search `q` (a case-insensitive prefix of the name or of the login e-mail) through
 * an index, in the order of the list's sort.
 *
 * A regex prefix is an index range; a range on one field followed by a sort on another needs an
 * in-memory sort of every match. So each user stores its *search keys*: the first 1…10 characters
 * of the lowercased name (`nameKeys`) and of the e-mail (`emailKeys`). A `q` is then an equality
 * on one key, and a multikey index `{nameKeys, <sort field>, _id}` walks the matches already in
 * the sort's order; the two fields' walks are merged (SORT_MERGE), never sorted. A `q` longer than
 * 10 characters uses its first 10 as the key and checks the rest on the candidates it walks.
 * Ten covers a first name and the start of the surname ("gabriela s"), so those candidates are
 * few; each character more costs every user two index entries per search index.
 *
 * Two fields rather than one so every write can derive them from what it writes (a new e-mail
 * alone gives the new `emailKeys`), without reading the document: the hooks below do it for
 * every mongoose write path, so no caller maintains them by hand.
 */
export const SEARCH_KEY_LENGTH = 10;

/** The first 1…10 characters (code points) of a lowercased text. */
export function searchKeys(lowercased: string): string[] {
  const characters = Array.from(lowercased);
  return Array.from({ length: Math.min(SEARCH_KEY_LENGTH, characters.length) }, (_, length) => characters.slice(0, length + 1).join(''));
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `q` (any case) combined with the list's other filters. The filters go into each branch of the
 * `$or` so MongoDB plans each branch on its own index and merges them in sort order; a filter next
 * to the `$or` makes it plan the `$or` as a whole and sort in memory.
 */
export function userSearchFilter(q: string, filters: Record<string, unknown>): Record<string, unknown> {
  const text = q.trim().toLowerCase();
  if (!text) return filters;
  const characters = Array.from(text);
  const key = characters.slice(0, SEARCH_KEY_LENGTH).join('');
  // Past the key's length the candidates are checked with $regexMatch: unlike a plain regex on
  // nameLower or email, it cannot tempt the planner into a range scan that loses the sort order.
  const rest = (field: string) =>
    characters.length > SEARCH_KEY_LENGTH ? { $expr: { $regexMatch: { input: { $ifNull: [`$${field}`, ''] }, regex: `^${escapeRegex(text)}` } } } : {};
  return { $or: [{ nameKeys: key, ...rest('nameLower'), ...filters }, { emailKeys: key, ...rest('email'), ...filters }] };
}

type Fields = Record<string, unknown>;

/** nameLower, nameKeys and emailKeys for the name and e-mail among `fields`; `unset` lists what to remove. */
function derived(fields: Fields): { set: Fields; unset: string[] } {
  const set: Fields = {};
  const unset: string[] = [];
  if (typeof fields.name === 'string') {
    set.nameLower = fields.name.toLowerCase();
    set.nameKeys = searchKeys(set.nameLower as string);
  }
  if ('email' in fields) {
    if (typeof fields.email === 'string' && fields.email) set.emailKeys = searchKeys(fields.email);
    else unset.push('emailKeys');
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
  const fromUnset = 'email' in unset ? ['emailKeys'] : [];
  const nextSet = { ...set, ...fromSet.set };
  const nextUnset = { ...unset, ...Object.fromEntries([...fromSet.unset, ...fromUnset].map((field) => [field, 1])) };
  return {
    ...operators,
    ...(Object.keys(nextSet).length > 0 ? { $set: nextSet } : {}),
    ...(Object.keys(nextUnset).length > 0 ? { $unset: nextUnset } : {}),
  };
}

/**
 * Keeps nameLower, nameKeys and emailKeys consistent with name and email on every mongoose write:
 * create/save and insertMany (validation), updateOne/updateMany/findOneAndUpdate (also a
 * document's updateOne), and bulkWrite (the migration assigns logins that way). Writes through the
 * raw driver collection, insertMany with `lean` and replaceOne (none of which the code uses on
 * users) bypass it; update pipelines are refused, their result cannot be known here.
 */
export function userSearchKeysPlugin(schema: Schema) {
  schema.pre('validate', function () {
    const { set, unset } = derived({ name: this.get('name'), email: this.get('email') });
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
