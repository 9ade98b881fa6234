import { mongo, Types, type Model } from 'mongoose';
import { CHECKED_COUNT_LIMIT, LIST_COUNT_LIMIT } from '../domain/list-page.js';
import { domainError } from '../domain/errors.js';

const { EJSON } = mongo.BSON;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resource's model
type AnyModel = Model<any>;
type Where = Record<string, unknown>;
type Sort = Record<string, 1 | -1>;

/** Which page of a list: its order (ending with _id, so ties keep their place), where it starts, how long it is. */
export interface Page {
  sort: Sort;
  skip: number;
  limit: number;
}

/** From this offset on, the total is read first, so that a page in the second half is read from the end. */
const DEEP_PAGE = 1_000;

/**
 * The MongoDB queries behind one page of a list, the one way every list here is read (findPage):
 * the console's lists, /api/v1's and SCIM's. test/api/query-plans.test.ts asks MongoDB for their
 * plans, so what runs and what is checked cannot drift apart.
 *
 * - `ids`: the page's _ids alone. Every index serving a list holds its filter and sort fields and
 *   _id, so MongoDB answers from the index without reading documents, and a deep page skips index
 *   keys instead of fetching documents. With the total known, a page in the second half of the
 *   list is read from the end (the reversed sort, the same index walked backwards), so the last
 *   pages cost what the first ones do and the middle is the dearest. `reversed` says to turn the
 *   page back, `skip` is how many index entries the walk skips; `ids` is null for a page past the end.
 * - `count`: the total for Content-Range, counted on an index (COUNT_SCAN); null for an unfiltered
 *   list, whose total comes from the collection's metadata (estimatedDocumentCount), not a scan.
 */
export function listQueries(model: AnyModel, where: Where, sort: Sort, skip: number, limit: number, total?: number) {
  const count = countQuery(model, where);
  if (total === undefined || skip + limit / 2 <= total / 2) {
    return { ids: model.find(where, { _id: 1 }).sort(sort).skip(skip).limit(limit).lean<{ _id: unknown }[]>(), reversed: false, skip, count };
  }
  const end = Math.min(total, skip + limit);
  if (end <= skip) return { ids: null, reversed: false, skip, count };
  const backwards: Sort = Object.fromEntries(Object.entries(sort).map(([field, direction]) => [field, direction === 1 ? -1 : 1]));
  return {
    ids: model
      .find(where, { _id: 1 })
      .sort(backwards)
      .skip(total - end)
      .limit(end - skip)
      .lean<{ _id: unknown }[]>(),
    reversed: true,
    skip: total - end,
    count,
  };
}

/** The queries findPage runs for this page: for a deep page, after reading the total they depend on. */
export async function pageQueries(model: AnyModel, where: Where, sort: Sort, skip: number, limit: number) {
  const total = skip >= DEEP_PAGE ? await countMatching(model, where) : undefined;
  return { ...listQueries(model, where, sort, skip, limit, total), total };
}

/** The pipeline the driver's countDocuments sends, built here so its plan can be explained; null when unfiltered. */
export function countQuery(model: AnyModel, where: Where) {
  return Object.keys(where).length === 0 ? null : model.aggregate<{ n: number }>([{ $match: where }, { $group: { _id: 1, n: { $sum: 1 } } }]);
}

/** How many documents match: on an index when filtered, from metadata when not. */
export async function countMatching(model: AnyModel, where: Where) {
  const count = countQuery(model, where);
  return count ? ((await count)[0]?.n ?? 0) : model.estimatedDocumentCount();
}

/** One page of records in the list's order, and the total. An empty page (limit 0) reads only the total. */
export async function findPage<R>(model: AnyModel, where: Where, { sort, skip, limit }: Page): Promise<{ records: R[]; total: number }> {
  if (limit === 0) return { records: [], total: await countMatching(model, where) };
  const queries = await pageQueries(model, where, sort, skip, limit);
  const [found, total] = await Promise.all([queries.ids ?? [], queries.total ?? countMatching(model, where)]);
  if (found.length === 0) return { records: [], total };
  const page = queries.reversed ? [...found].reverse() : found;
  const records = await model.find({ _id: { $in: page.map((entry) => entry._id) } }).lean<R[]>();
  const byId = new Map(records.map((record) => [String((record as { _id: unknown })._id), record]));
  // A record deleted between the two reads is left out of the page.
  return { records: page.flatMap((entry) => byId.get(String(entry._id)) ?? []), total };
}

/**
 * A users list at a national customer base's size (findBoundedPage): every request costs about what
 * the first page does, whatever the list's length.
 *
 * - The total is counted up to LIST_COUNT_LIMIT + 1 matches (a count with a limit stops there, on
 *   the index); past it the list says "more than 10,000" instead of counting hundreds of thousands
 *   of keys on every request.
 * - An offset is at most LIST_OFFSET_LIMIT (the API refuses deeper ones: PAGE_TOO_DEEP); past it a
 *   list goes on from a cursor, the sort's values of the last row read (`after`), which the index
 *   seeks to, so the millionth row costs what the first does.
 * - A filter and sort that no index serves in order is sorted in memory by MongoDB, which is fast
 *   for a few thousand matches only: with more than LIST_COUNT_LIMIT the list is refused
 *   (TOO_MANY_TO_SORT: refine it, or sort by a column that has its index) rather than answered in
 *   seconds. Which shapes an index serves is read from the model's own index list (orderingIndex),
 *   and that index is named to MongoDB (a hint) rather than left to its trial of every candidate.
 * - A search combined with a filter, or in another order than its index's, is planned here from
 *   the sizes of its parts (findFilteredSearchPage).
 */
export interface BoundedPage extends Page {
  /** The cursor the previous page answered: the rows after it, then `skip` and `limit` from there. */
  after?: string;
}

export interface BoundedPageResult<R> {
  records: R[];
  /** Exact up to LIST_COUNT_LIMIT; with `more`, a lower bound: LIST_COUNT_LIMIT, or the rows shown when counting would cost too much (boundedCount). */
  total: number;
  /** More than `total` match. */
  more: boolean;
  /** Where the next page starts, when rows follow this one. */
  next: string | null;
}

type Scalar = string | number | boolean | Date | Types.ObjectId | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date || value instanceof Types.ObjectId;

type IndexSpec = [Record<string, 1 | -1>, Record<string, unknown>];

const settledByModel = new WeakMap<AnyModel, Set<string>>();
/**
 * A model's "settled" fields: each starts a partial index that holds the documents of one value of
 * it alone (the users' `listed`, data/models/user.ts). A list that pins one (data/users.ts says
 * `listed: true` on every users list) is served by those indexes only: any other would leave the
 * field to be checked on each document. A settled field is no filter the user chose: it does not
 * make a list "filtered", nor a part worth counting apart.
 */
export function settledFields(model: AnyModel): Set<string> {
  const known = settledByModel.get(model);
  if (known) return known;
  const settled = new Set<string>();
  for (const [keys, options] of model.schema.indexes() as IndexSpec[]) {
    const filter = options.partialFilterExpression as Where | undefined;
    const first = Object.keys(keys)[0]!;
    if (filter && Object.keys(filter).length === 1 && first in filter && isScalar(filter[first])) settled.add(first);
  }
  settledByModel.set(model, settled);
  return settled;
}

/** Whether these fields of a filter hold one the user chose: any but the settled ones. */
const choosesFilter = (model: AnyModel, fields: string[]) => fields.some((field) => !settledFields(model).has(field));

/** The settled fields `where` pins, with their values (a users list's `listed: true`). */
const settledPartOf = (model: AnyModel, where: Where): Where => Object.fromEntries(Object.entries(where).filter(([field]) => settledFields(model).has(field)));

/** A search's keys, one branch or an `$or` of several, within `within` (the settled fields its list pins, or nothing). */
const keysWithin = (within: Where, keys: Where[]): Where => (keys.length === 1 ? { ...within, ...keys[0] } : { ...within, $or: keys });

/**
 * The indexes that can serve `where`, each with its options: not sparse; partial only when `where`
 * pins each field of its filter to the filter's value (MongoDB uses it only then); and, when
 * `where` pins a settled field, holding it as a key (settledFields).
 */
function usableIndexes(model: AnyModel, where: Where): IndexSpec[] {
  const settled = [...settledFields(model)].filter((field) => field in where);
  return ([[{ _id: 1 }, {}], ...(model.schema.indexes() as IndexSpec[])] as IndexSpec[]).filter(([keys, options]) => {
    if (options.sparse) return false;
    const filter = options.partialFilterExpression as Where | undefined;
    if (filter && !Object.entries(filter).every(([field, value]) => isScalar(value) && where[field] === value)) return false;
    return settled.every((field) => field in keys);
  });
}

/** The fields a filter pins to one value (or to a few, which MongoDB merges in order: `$in`). */
function pinnedFields(where: Where): Set<string> {
  const pinned = new Set<string>();
  for (const [field, value] of Object.entries(where)) {
    if (field.startsWith('$')) continue;
    const inList =
      value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Types.ObjectId)
        ? (value as { $in?: unknown }).$in
        : undefined;
    if (isScalar(value) || (Object.keys(value as object).length === 1 && Array.isArray(inList) && inList.length <= 200 && inList.every(isScalar)))
      pinned.add(field);
  }
  return pinned;
}

/**
 * The index of the model that gives `where`'s matches in `sort`'s order, so a page is a walk of
 * its first keys: it starts with fields the filter pins (at least one, when it filters at all:
 * walking an unfiltered index and checking the filter on each document costs what the filter
 * leaves out), then has the sort's fields (those the filter pins apart), in the sort's directions
 * or all reversed; of several, the one that starts with the most fields pinned to one value,
 * which leaves the fewest to check on the documents. 'merged' when the order is served but MongoDB
 * chooses how: an `$or` each of whose branches has an index (MongoDB merges their walks in order),
 * or two indexes equally good; null when none serves it. Sparse and partial indexes hold some
 * documents only: they serve a list only as usableIndexes says.
 */
export function orderingIndex(model: AnyModel, where: Where, sort: Sort, { evenIfTied = false } = {}): Record<string, 1 | -1> | 'merged' | null {
  if (Array.isArray(where.$or)) {
    const { $or, ...rest } = where;
    return ($or as Where[]).every((branch) => orderingIndex(model, { ...rest, ...branch }, sort)) ? 'merged' : null;
  }
  const fields = Object.keys(where).filter((field) => !field.startsWith('$'));
  const pinned = pinnedFields(where);
  const wanted = Object.entries(sort).filter(([field]) => !pinned.has(field));
  const indexes = usableIndexes(model, where);
  // A settled field (a users list's `listed`) is no filter: a walk must start with one the list chose, if it chose any.
  const settled = settledFields(model);
  const filtering = choosesFilter(model, fields);
  // Ranked by the fields its start pins to one value, then to a few ($in): what it leaves to check.
  const rank = (start: string[]) => start.filter((field) => isScalar(where[field])).length * 100 + start.length;
  let best: { keys: Record<string, 1 | -1>; rank: number; tied: boolean } | null = null;
  for (const [keys] of indexes) {
    const pattern = Object.entries(keys);
    for (let prefix = fields.length === 0 ? 0 : 1; prefix <= pattern.length; prefix++) {
      if (!pattern.slice(0, prefix).every(([field]) => pinned.has(field))) break;
      if (filtering && pattern.slice(0, prefix).every(([field]) => settled.has(field))) continue;
      const rest = pattern.slice(prefix, prefix + wanted.length);
      if (rest.length < wanted.length || rest.some(([field], i) => field !== wanted[i]![0])) continue;
      const same = rest.every(([, direction], i) => direction === wanted[i]![1]);
      const reversed = rest.every(([, direction], i) => direction === -wanted[i]![1]);
      if (!same && !reversed) continue;
      const score = rank(pattern.slice(0, prefix).map(([field]) => field));
      if (!best || score > best.rank) best = { keys, rank: score, tied: false };
      else if (score === best.rank && JSON.stringify(keys) !== JSON.stringify(best.keys)) best.tied = true;
    }
  }
  // Two indexes as good as each other (a tenant's and a status's): MongoDB's trial picks between them.
  return best ? (best.tied && !evenIfTied ? 'merged' : best.keys) : null;
}

/**
 * `sort` without the fields after a unique key: when a unique index's fields are each pinned by
 * `where` or among the sort's first fields (an office's users by code: {tenantId, code} is unique),
 * no two rows tie there, and the tie-break after it (_id) orders nothing. Without it, that unique
 * index gives the order itself (an office's users by code with those waiting in the review, whom
 * the lists' {listed, tenantId, code, _id} leaves out).
 */
export function withoutNeedlessTieBreak(model: AnyModel, where: Where, sort: Sort): Sort {
  const pinned = pinnedFields(where);
  const fields = Object.keys(sort);
  for (let length = 1; length < fields.length; length++) {
    const leading = fields.slice(0, length);
    const unique = (model.schema.indexes() as IndexSpec[]).some(
      ([keys, options]) =>
        options.unique &&
        !options.sparse &&
        !options.partialFilterExpression &&
        Object.keys(keys).every((field) => leading.includes(field) || (pinned.has(field) && isScalar(where[field]))),
    );
    if (unique) return Object.fromEntries(Object.entries(sort).slice(0, length));
  }
  return sort;
}

/** Whether an index gives `where`'s matches in `sort`'s order (orderingIndex). */
export const indexOrders = (model: AnyModel, where: Where, sort: Sort) => orderingIndex(model, where, sort) !== null;

const sortSignature = (sort: Sort) =>
  Object.entries(sort)
    .map(([field, direction]) => `${direction === 1 ? '' : '-'}${field}`)
    .join(',');

/** The cursor after a row: the sort's signature and the row's values of its fields, as canonical Extended JSON, base64url. */
export function encodeCursor(sort: Sort, row: Record<string, unknown>): string {
  const values = Object.keys(sort).map((field) => row[field] ?? null);
  return Buffer.from(EJSON.stringify({ s: sortSignature(sort), v: values }, { relaxed: false })).toString('base64url');
}

/** The values a cursor holds, checked against the sort it must have been written for; INVALID_CURSOR otherwise. */
export function decodeCursor(sort: Sort, cursor: string): Scalar[] {
  let decoded: { s?: unknown; v?: unknown };
  try {
    decoded = EJSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'), { relaxed: true }) as typeof decoded;
  } catch {
    throw domainError('INVALID_CURSOR');
  }
  const values = decoded?.v;
  // Values only, never operators: a cursor is the caller's input, and it becomes part of a filter.
  if (decoded?.s !== sortSignature(sort) || !Array.isArray(values) || values.length !== Object.keys(sort).length || !values.every(isScalar))
    throw domainError('INVALID_CURSOR');
  if (values.some((value) => (typeof value === 'number' && !Number.isFinite(value)) || (value instanceof Date && Number.isNaN(value.getTime()))))
    throw domainError('INVALID_CURSOR');
  return values;
}

/**
 * `where` and "after the row with these sort values": row a follows when it ties on the first k
 * fields and goes beyond on the next, for some k (an `$or` of one branch per k, each a walk of the
 * same index from the right key, merged in order). A field that can hold nothing (`nullable`) sorts
 * its empty values first: they follow a value only in a descending order. The filter's own `$or`
 * (a search's name and e-mail branches) is multiplied out, so that each branch stays one walk.
 */
export function afterCursor(where: Where, sort: Sort, values: Scalar[], nullable: string[] = []): Where {
  const beyond = (field: string, direction: 1 | -1, value: Scalar): Where[] => {
    if (value === null) return direction === 1 ? [{ [field]: { $ne: null } }] : [];
    const past = { [field]: { [direction === 1 ? '$gt' : '$lt']: value } };
    return direction === -1 && nullable.includes(field) ? [past, { [field]: null }] : [past];
  };
  const isOperators = (value: unknown): value is Where =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Types.ObjectId);
  // Both conditions on a field hold: the filter's ($in, or its one value) and the cursor's ($gt, or a tie's value).
  const both = (filter: unknown, cursor: unknown) => {
    if (filter === undefined) return cursor;
    if (isOperators(filter)) return isOperators(cursor) ? { ...filter, ...cursor } : { ...filter, $eq: cursor };
    return isOperators(cursor) ? { $eq: filter, ...cursor } : { $in: [filter].filter((one) => String(one) === String(cursor)) };
  };
  const { $or: branches, ...rest } = where as Where & { $or?: Where[] };
  const bases = Array.isArray(branches) ? branches.map((branch) => ({ ...rest, ...branch })) : [rest];
  const combined = bases.flatMap((base) => {
    // A field the branch pins to one value has it in every row: nothing lies beyond it, and a tie on it is no condition.
    const pinned = pinnedFields(base);
    const free = Object.entries(sort)
      .map(([field, direction], index) => ({ field, direction, value: values[index]! }))
      .filter(({ field }) => !(pinned.has(field) && isScalar(base[field])));
    return free.flatMap(({ field, direction, value }, index) => {
      const ties = Object.fromEntries(free.slice(0, index).map((earlier) => [earlier.field, earlier.value]));
      return beyond(field, direction, value).map((clause) =>
        Object.entries({ ...ties, ...clause }).reduce<Where>((merged, [key, condition]) => ({ ...merged, [key]: both(base[key], condition) }), base),
      );
    });
  });
  if (combined.length === 0) return { _id: { $in: [] } };
  return combined.length === 1 ? combined[0]! : { $or: combined };
}

/** The aggregate of a count that stops after `limit` matches (the driver's countDocuments with a limit), built here so its plan can be explained. */
export function boundedCountQuery(model: AnyModel, where: Where, limit: number) {
  return model.aggregate<{ n: number }>([{ $match: where }, { $limit: limit }, { $group: { _id: 1, n: { $sum: 1 } } }]);
}

/** How many match, counting no further than `limit`; an unfiltered list's from the collection's metadata. */
export async function countUpTo(model: AnyModel, where: Where, limit: number) {
  if (Object.keys(where).length === 0) return Math.min(await model.estimatedDocumentCount(), limit);
  return (await boundedCountQuery(model, where, limit))[0]?.n ?? 0;
}

/**
 * The queries of a bounded page: the page's ids with its sort's values (from the index alone when
 * an index serves the order), one more than the page to know whether another follows, and the
 * bounded count. Exported for test/api/query-plans.test.ts.
 */
export function boundedPageQueries(model: AnyModel, where: Where, page: BoundedPage, nullable: string[] = [], options: { hint?: boolean } = {}) {
  const { skip, limit } = page;
  const sort = withoutNeedlessTieBreak(model, where, page.sort);
  const from = page.after ? afterCursor(where, sort, decodeCursor(sort, page.after), nullable) : where;
  const projection = Object.fromEntries(Object.keys(sort).map((field) => [field, 1]));
  const index = orderingIndex(model, where, sort);
  const ids = model
    .find(from, projection)
    .sort(sort)
    .skip(skip)
    .limit(limit + 1);
  // The index that serves the order, named: MongoDB would otherwise try every index that starts
  // with the same field (nine start with status) for up to 10,000 steps each before a deep page.
  if (index && index !== 'merged' && options.hint !== false) ids.hint(index);
  return {
    ids: ids.lean<Record<string, unknown>[]>(),
    count: Object.keys(where).length === 0 ? null : boundedCountQuery(model, where, LIST_COUNT_LIMIT + 1),
    ordered: index !== null,
  };
}

/** The model's indexes that can serve `where` (usableIndexes), each as its fields in order. */
const usableIndexFields = (model: AnyModel, where: Where): string[][] => usableIndexes(model, where).map(([keys]) => Object.keys(keys));
/** The key pattern of the model's index with these fields, as a hint names it. */
const indexKeys = (model: AnyModel, fields: string[]) =>
  fields.join() === '_id'
    ? { _id: 1 }
    : ((model.schema.indexes() as IndexSpec[]).find(([keys, options]) => !options.sparse && Object.keys(keys).join() === fields.join())?.[0] ?? { _id: 1 });
const branchesOf = (where: Where): Where[] => {
  const { $or, ...rest } = where as Where & { $or?: Where[] };
  return Array.isArray($or) ? $or.map((branch) => ({ ...rest, ...branch })) : [where];
};

/**
 * Whether MongoDB counts `where` on an index alone, reading no document: some index starts with the
 * fields it pins (in any order), then at most one field it bounds by a range (a search longer than
 * its keys, the stuck activations' date); for an `$or`, each branch.
 */
export function countsOnIndex(model: AnyModel, where: Where): boolean {
  return branchesOf(where).every((branch) => {
    const indexes = usableIndexFields(model, branch);
    const fields = Object.keys(branch).filter((field) => !field.startsWith('$'));
    if (fields.length !== Object.keys(branch).length) return false;
    const pinned = pinnedFields(branch);
    const ranged = fields.filter((field) => !pinned.has(field));
    if (ranged.length > 1) return false;
    return indexes.some(
      (index) =>
        index.length >= pinned.size + ranged.length &&
        index.slice(0, pinned.size).every((field) => pinned.has(field)) &&
        (ranged.length === 0 || index[pinned.size] === ranged[0]),
    );
  });
}

/**
 * The parts of `where` an index counts alone, each an upper bound of its matches: for each index,
 * the longest start of it that `where` pins (a tenant, a status, both); for a search, its keys alone
 * (the `$or`'s branches without the filters they share).
 */
function countableParts(model: AnyModel, where: Where): { part: Where; rest: Where; index?: Record<string, 1> }[] {
  const branches = branchesOf(where);
  // The filter the branches share, pinned fields only (a tenant, a status); the rest is a search's keys.
  const shared = Object.entries(branches[0]!).filter(
    ([field, value]) => !field.startsWith('$') && branches.every((branch) => branch[field] === value) && pinnedFields(branches[0]!).has(field),
  );
  const common = Object.fromEntries(shared);
  const pinned = pinnedFields(common);
  // The settled fields (a users list's `listed`) go with every part: the indexes that count hold them.
  const settledPart = settledPartOf(model, common);
  // What is left of each branch once the shared filter is taken out: a search's keys.
  const keysAlone = branches.map((branch) => Object.fromEntries(Object.entries(branch).filter(([field]) => !(field in common))));
  const orOfKeys = keysWithin({}, keysAlone);
  const parts = new Map<string, { part: Where; rest: Where; index?: Record<string, 1> }>();
  for (const index of usableIndexFields(model, common)) {
    const fields: string[] = [];
    for (const field of index) {
      if (!pinned.has(field)) break;
      fields.push(field);
    }
    const key = [...fields].sort().join();
    if (!choosesFilter(model, fields) || parts.has(key)) continue;
    const part = Object.fromEntries(fields.map((field) => [field, common[field]]));
    const others = Object.fromEntries(Object.entries(common).filter(([field]) => !fields.includes(field)));
    // Counted through this part's index: its matches read, the rest checked on each.
    parts.set(key, {
      part,
      rest: { ...part, ...others, ...(keysAlone.some((branch) => Object.keys(branch).length > 0) ? orOfKeys : {}) },
      index: Object.fromEntries(fields.map((field) => [field, 1])),
    });
  }
  if (keysAlone.every((branch) => Object.keys(branch).length > 0)) parts.set('$or', { part: keysWithin(settledPart, keysAlone), rest: where });
  return [...parts.values()].filter(({ part }) => countsOnIndex(model, part));
}

/** A list that pins its settled fields only (every listed user): no filter the user chose. */
const isUnfiltered = (model: AnyModel, where: Where) =>
  Object.keys(where).length > 0 && !choosesFilter(model, Object.keys(where)) && Object.values(where).every(isScalar);

/** How long an unfiltered list found past LIST_COUNT_LIMIT is taken to be so without counting again. */
export const LARGE_LIST_FRESH_MS = 30_000;
/** When each unfiltered list (database, collection and settled fields) was last counted past LIST_COUNT_LIMIT. */
const largeSince = new Map<string, number>();

/**
 * An unfiltered list's count: exact up to LIST_COUNT_LIMIT, as any other, but once it is found
 * past it (the platform's whole base), "more than 10,000" is taken as known for LARGE_LIST_FRESH_MS
 * rather than counted again on each page: 10,001 index keys, some 6 ms of mongod a request, where
 * the collection's metadata used to answer before the lists left out what imports stage (its
 * document count is no longer the list's, only a bound of it, still read to notice a collection
 * emptied meanwhile). A list that is small is counted every time, so it is exact.
 */
async function unfilteredCount(model: AnyModel, where: Where): Promise<number> {
  // The database in the key: test files share a process, each with its own database.
  const key = `${model.db.name}.${model.collection.collectionName} ${JSON.stringify(where)}`;
  const since = largeSince.get(key);
  // Still past it, as far as the metadata can tell (a collection emptied meanwhile, or reused, is counted again).
  if (since !== undefined && Date.now() - since < LARGE_LIST_FRESH_MS && (await model.estimatedDocumentCount()) > LIST_COUNT_LIMIT) return LIST_COUNT_LIMIT + 1;
  const n = await countUpTo(model, where, LIST_COUNT_LIMIT + 1);
  if (n > LIST_COUNT_LIMIT) largeSince.set(key, Date.now());
  else largeSince.delete(key);
  return n;
}

/**
 * How many match, up to LIST_COUNT_LIMIT + 1, or null when counting would cost too much to know.
 * A filter an index holds whole is counted on it (a few milliseconds for 10,001 keys). One the
 * index cannot check alone (a search with a status: the status is checked on each document the
 * search's keys find) reads a document per candidate: it is counted only when one of its parts an
 * index counts alone (the search's keys, the tenant, the status) has at most CHECKED_COUNT_LIMIT
 * matches, so the count reads at most that many documents; otherwise its total is not known, and
 * the list says "more than" the rows it has shown.
 */
export async function boundedCount(model: AnyModel, where: Where): Promise<number | null> {
  if (Object.keys(where).length === 0) return Math.min(await model.estimatedDocumentCount(), LIST_COUNT_LIMIT + 1);
  if (isUnfiltered(model, where)) return unfilteredCount(model, where);
  if (countsOnIndex(model, where)) return countUpTo(model, where, LIST_COUNT_LIMIT + 1);
  const parts = countableParts(model, where);
  const sizes = await Promise.all(parts.map(({ part }) => countUpTo(model, part, CHECKED_COUNT_LIMIT + 1)));
  const smallest = sizes.indexOf(Math.min(...sizes));
  if (smallest < 0 || sizes[smallest]! > CHECKED_COUNT_LIMIT) return null;
  // Through the smallest part's index, named: the planner's trial can be misled (the newest
  // "maria"s all in the office imported last make the search's keys look the faster walk).
  const { rest, index } = parts[smallest]!;
  if (!index) return countUpTo(model, rest, LIST_COUNT_LIMIT + 1);
  const hint = usableIndexFields(model, rest).find(
    (fields) => Object.keys(index).every((field, i) => fields[i] === field) && fields.length >= Object.keys(index).length,
  );
  const query = boundedCountQuery(model, rest, LIST_COUNT_LIMIT + 1);
  if (hint) query.hint(indexKeys(model, hint));
  return (await query)[0]?.n ?? 0;
}

/**
 * A search (branches on the `searchKeys` fields: the users' nameKeys and emailKeys), and the filter
 * its branches share (a tenant, a status; maybe none); null for a list that is no search.
 */
export function searchShape(where: Where, searchKeys: string[]): { filter: Where; keys: Where[] } | null {
  const branches = branchesOf(where);
  const keys = branches.map((branch) => Object.fromEntries(Object.entries(branch).filter(([field]) => searchKeys.includes(field))));
  if (keys.some((branch) => Object.keys(branch).length === 0)) return null;
  const filter = Object.fromEntries(Object.entries(branches[0]!).filter(([field]) => !searchKeys.includes(field)));
  // The same filter in every branch (userSearchFilter writes it so), pinned: otherwise MongoDB plans it.
  const pinned = pinnedFields(filter);
  const shared = branches.every(
    (branch) =>
      Object.keys(branch).length === Object.keys(keys[0]!).length + Object.keys(filter).length &&
      Object.entries(filter).every(([field, value]) => branch[field] === value),
  );
  if (!shared || Object.keys(filter).some((field) => !pinned.has(field))) return null;
  return { filter, keys };
}

const typeOrder = (value: unknown) =>
  value === null || value === undefined
    ? 0
    : typeof value === 'number'
      ? 1
      : typeof value === 'string'
        ? 2
        : value instanceof Types.ObjectId
          ? 3
          : typeof value === 'boolean'
            ? 4
            : 5;
/** MongoDB's order of two values of a sort field (strings by their UTF-8 bytes, as MongoDB compares them). */
function compareValues(a: unknown, b: unknown): number {
  const types = typeOrder(a) - typeOrder(b);
  if (types !== 0) return types;
  if (a === null || a === undefined) return 0;
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b as string));
  if (a instanceof Types.ObjectId) return Buffer.compare(a.id, (b as Types.ObjectId).id);
  if (a instanceof Date) return a.getTime() - (b as Date).getTime();
  return (a as number) - (b as number);
}
const compareRows = (sort: Sort) => (a: Record<string, unknown>, b: Record<string, unknown>) => {
  for (const [field, direction] of Object.entries(sort)) {
    const order = compareValues(a[field] ?? null, b[field] ?? null) * direction;
    if (order !== 0) return order;
  }
  return 0;
};

/**
 * A page of a search combined with a filter (a tenant, a status), or in an order its index does not
 * give (by name, by code, or longer than the keys: a range), planned here rather than by
 * MongoDB, whose plan cache keeps one plan per query shape while the best walk depends on how
 * common the words are (and its trial is misled by how users were created: the newest "maria"s
 * all in the office imported last). The sizes are known from the parts an index counts alone:
 * - the search's keys have at most CHECKED_COUNT_LIMIT matches: each branch is read through its
 *   key's index (every match, the filter checked on each), and merged, counted and sorted here;
 * - otherwise the filter's own index (or, with no filter, the sort's) is walked in the list's order,
 *   the words checked on each document (hinted): their matches are common and, in an order that
 *   does not follow the searched text (not the name's, not the e-mail's), spread along the walk,
 *   so a page reads a few hundred documents at most; counted through the filter's part when it has at most
 *   CHECKED_COUNT_LIMIT users, and "more than" the rows shown when no part is small. A sort the
 *   filter's indexes do not serve is sorted in memory over a small filter, and refused
 *   (TOO_MANY_TO_SORT) over a large one.
 */
async function findFilteredSearchPage(
  model: AnyModel,
  { filter, keys }: { filter: Where; keys: Where[] },
  page: BoundedPage,
  nullable: string[],
  searchedOrders: string[],
  useHints: boolean,
): Promise<{ rows: Record<string, unknown>[]; n: number | null }> {
  const { sort, skip, limit } = page;
  const projection = Object.fromEntries(Object.keys(sort).map((field) => [field, 1]));
  const keysWhere = keysWithin({}, keys);
  // The words' matches alone, but within the settled fields the indexes hold (a users list's `listed`).
  const settledPart = settledPartOf(model, filter);
  const keysCounted = keysWithin(settledPart, keys);
  const indexes = usableIndexFields(model, filter);
  const startingWith = (fields: string[]) => {
    const found = useHints && indexes.find((index) => fields.every((field, i) => index[i] === field));
    return found ? indexKeys(model, found) : null;
  };
  const parts = Object.keys(filter).length > 0 ? countableParts(model, filter).filter(({ index }) => index) : [];
  // The words' matches and the filter's parts' users, counted on their indexes at once.
  const [keysCount, ...sizes] = await Promise.all([
    countsOnIndex(model, keysCounted) ? countUpTo(model, keysCounted, CHECKED_COUNT_LIMIT + 1) : CHECKED_COUNT_LIMIT + 1,
    ...parts.map(({ part }) => countUpTo(model, part, LIST_COUNT_LIMIT + 1)),
  ]);
  if (keysCount! <= CHECKED_COUNT_LIMIT) {
    const found = await Promise.all(
      keys.map((branch) => {
        const query = model.find({ ...filter, ...branch }, projection);
        const index = startingWith([...Object.keys(settledPart), ...Object.keys(branch)]);
        return (index ? query.hint(index) : query).lean<Record<string, unknown>[]>();
      }),
    );
    return sliceAfter(found.flat(), page);
  }
  const smallest = sizes.length > 0 ? sizes.indexOf(Math.min(...sizes)) : -1;
  const small = smallest >= 0 && sizes[smallest]! <= CHECKED_COUNT_LIMIT ? parts[smallest]! : null;
  // A filter of up to LIST_COUNT_LIMIT users (an office): walking it whole costs at most that many reads.
  const bounded = smallest >= 0 && sizes[smallest]! <= LIST_COUNT_LIMIT ? parts[smallest]! : null;
  const pulled = { ...filter, ...keysWhere };
  const counted = async () => {
    if (!small) return null;
    const query = boundedCountQuery(model, pulled, LIST_COUNT_LIMIT + 1);
    const index = startingWith(Object.keys(small.index!));
    return ((await (index ? query.hint(index) : query))[0]?.n ?? 0) as number;
  };
  // Of two as good (a tenant's and a status's), either: each gives the order, the other is checked.
  // An order that follows the searched text ("maria" by name walks every name before "maria") only
  // within a filter small enough to walk whole (an office's users, by name).
  const searched = searchedOrders.includes(Object.keys(sort)[0]!);
  const ordering = searched && !(bounded && !small) ? null : orderingIndex(model, searched ? bounded!.part : filter, sort, { evenIfTied: true });
  const from = page.after ? afterCursor(pulled, sort, decodeCursor(sort, page.after), nullable) : pulled;
  const ids = model
    .find(from, projection)
    .sort(sort)
    .skip(skip)
    .limit(limit + 1);
  const hintOrder = (query: typeof ids) => (useHints && ordering && ordering !== 'merged' ? query.hint(ordering) : query);
  if (ordering && ordering !== 'merged') {
    const [rows, n] = await Promise.all([hintOrder(ids).lean<Record<string, unknown>[]>(), counted()]);
    return { rows, n };
  }
  if (!small) throw domainError('TOO_MANY_TO_SORT');
  // The small filter's matches read once through its index (an office's 5,000 users at most), counted and sorted here.
  const index = startingWith(Object.keys(small.index!));
  const query = model.find(pulled, projection);
  return sliceAfter(await (index ? query.hint(index) : query).lean<Record<string, unknown>[]>(), page);
}

/** All of a list's matches, sorted here: the page after the cursor (and `skip`), one row more, and how many match. */
function sliceAfter(found: Record<string, unknown>[], page: BoundedPage) {
  const { sort, skip, limit } = page;
  const all = [...new Map(found.map((row) => [String(row._id), row])).values()].sort(compareRows(sort));
  const cursor = page.after ? decodeCursor(sort, page.after) : null;
  const cursorRow = cursor && Object.fromEntries(Object.keys(sort).map((field, i) => [field, cursor[i]]));
  const start = cursorRow ? all.findIndex((row) => compareRows(sort)(row, cursorRow) > 0) : 0;
  return { rows: start < 0 ? [] : all.slice(start + skip, start + skip + limit + 1), n: all.length };
}

/** Runs with the indexes the code names; one the database does not have (dropped, or not built yet) is left to MongoDB's planner. */
async function withoutMissingIndex<T>(run: (useHints: boolean) => Promise<T>): Promise<T> {
  try {
    return await run(true);
  } catch (error) {
    if (!/hint provided does not correspond to an existing index/.test(String((error as Error)?.message))) throw error;
    return run(false);
  }
}

/** One page of a list that may hold millions (see BoundedPage): its records, its bounded total, the cursor of the next page. */
export async function findBoundedPage<R>(
  model: AnyModel,
  where: Where,
  asked: BoundedPage,
  {
    nullable = [],
    searchKeys = [],
    searchedOrders = [],
    projection,
  }: {
    /** Sort fields a document may lack. */
    nullable?: string[];
    /** The fields a search is an equality (or a range) on. */
    searchKeys?: string[];
    /** Sort fields whose order follows the searched text (the name, the e-mail): no walk of theirs finds a search's matches early. */
    searchedOrders?: string[];
    /** Fields the page's records leave out (a user's search keys: 55 strings nobody shows). */
    projection?: Record<string, 0>;
  } = {},
): Promise<BoundedPageResult<R>> {
  // The order the page is read and its cursor written in (the next page's cursor is decoded in the same).
  const page = { ...asked, sort: withoutNeedlessTieBreak(model, where, asked.sort) };
  // Unknown (null): as many as the rows seen, and more.
  const totalOf = (n: number | null, seen: number) =>
    n === null ? { total: seen, more: true } : { total: Math.min(n, LIST_COUNT_LIMIT), more: n > LIST_COUNT_LIMIT };
  if (page.limit === 0) return { records: [], ...totalOf(await boundedCount(model, where), page.skip), next: null };
  // A search with a filter, or in an order its index does not give: planned here (findFilteredSearchPage).
  const search = searchShape(where, searchKeys);
  if (search && (choosesFilter(model, Object.keys(search.filter)) || orderingIndex(model, where, page.sort) === null)) {
    const { rows, n } = await withoutMissingIndex((useHints) => findFilteredSearchPage(model, search, page, nullable, searchedOrders, useHints));
    return pageOf(model, rows, page, totalOf, n, projection);
  }
  const queries = boundedPageQueries(model, where, page, nullable);
  const ids = () => withoutMissingIndex((useHints) => (useHints ? queries.ids : boundedPageQueries(model, where, page, nullable, { hint: false }).ids));
  let n: number | null;
  let rows: Record<string, unknown>[];
  if (queries.ordered) {
    [rows, n] = await Promise.all([ids(), boundedCount(model, where)]);
  } else {
    // Counted first: the in-memory sort runs only over as many matches as it does fast.
    n = await boundedCount(model, where);
    if (n === null || n > LIST_COUNT_LIMIT) throw domainError('TOO_MANY_TO_SORT');
    rows = await ids();
  }
  return pageOf(model, rows, page, totalOf, n, projection);
}

/** The page's records in the order of its rows (one more than the page: the next cursor's), and its total. */
async function pageOf<R>(
  model: AnyModel,
  rows: Record<string, unknown>[],
  page: BoundedPage,
  totalOf: (n: number | null, seen: number) => { total: number; more: boolean },
  n: number | null,
  projection?: Record<string, 0>,
): Promise<BoundedPageResult<R>> {
  const shown = rows.slice(0, page.limit);
  const next = rows.length > page.limit ? encodeCursor(page.sort, shown.at(-1)!) : null;
  const result = { ...totalOf(n, page.skip + shown.length), next };
  if (shown.length === 0) return { records: [], ...result };
  const records = await model.find({ _id: { $in: shown.map((row) => row._id) } }, projection).lean<R[]>();
  const byId = new Map(records.map((record) => [String((record as { _id: unknown })._id), record]));
  // A record deleted between the two reads is left out of the page.
  return { records: shown.flatMap((row) => byId.get(String(row._id)) ?? []), ...result };
}
