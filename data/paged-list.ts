import type { Model } from 'mongoose';

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
