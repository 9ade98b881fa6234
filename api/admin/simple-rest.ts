import type { Response } from 'express';
import { z } from 'zod';
import { MAX_LIST_PAGE } from '../../domain/list-page.js';
import { validationError } from '../errors.js';

/**
 * The query contract of ra-data-simple-rest (packages/ra-data-simple-rest/src/index.ts):
 *   GET /<resource>?sort=["name","ASC"]&range=[0,24]&filter={"q":"ana","status":"invited"}
 *   GET /<resource>?filter={"id":["…","…"]}       (getMany: no sort, no range)
 * Lists answer `Content-Range: <resource> 0-24/319`, exposed to browsers.
 */
export const listQuerySchema = z.object({
  sort: z.string().max(200).optional().meta({ description: 'JSON `[field, "ASC"|"DESC"]`', example: '["createdAt","DESC"]' }),
  range: z.string().max(100).optional().meta({ description: 'JSON `[start, end]`, inclusive, at most 1,000 records', example: '[0,24]' }),
  filter: z.string().max(20_000).optional().meta({ description: 'JSON object; `q` searches, `id` takes one id or an array (getMany)', example: '{"q":"ana"}' }),
  embed: z.string().max(200).optional().meta({ description: 'Accepted for compatibility; ignored' }),
});
export type ListQuery = z.output<typeof listQuerySchema>;

const MAX_PAGE = MAX_LIST_PAGE;
const sortSchema = z.tuple([z.string(), z.enum(['ASC', 'DESC'])]);
const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([start, end]) => end >= start && end - start < MAX_PAGE, { error: `end must be ≥ start and cover at most ${MAX_PAGE} records` });

function parseJsonParam<T extends z.ZodType>(name: string, text: string | undefined, schema: T): z.output<T> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError(new z.ZodError([{ code: 'custom', path: [name], message: 'must be JSON', input: text }]), 'query');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] }))), 'query');
  return result.data;
}

export interface ListSpec<F extends z.ZodObject> {
  /** Allowed sort fields (as the API names them) and the MongoDB field behind each; each has an index. */
  sortFields: Record<string, string>;
  filter: F;
  defaultSort: [string, 'ASC' | 'DESC'];
}

export function parseListQuery<F extends z.ZodObject>(query: ListQuery, spec: ListSpec<F>) {
  const [field, order] = parseJsonParam('sort', query.sort, sortSchema) ?? spec.defaultSort;
  // Own keys only: a plain lookup would accept `constructor` or `__proto__` as sort fields.
  const sortField = Object.hasOwn(spec.sortFields, field) ? spec.sortFields[field] : undefined;
  if (!sortField) {
    throw validationError(
      new z.ZodError([{ code: 'custom', path: ['sort', 0], message: `must be one of ${Object.keys(spec.sortFields).join(', ')}`, input: field }]),
      'query',
    );
  }
  const [start, end] = parseJsonParam('range', query.range, rangeSchema) ?? [0, MAX_PAGE - 1];
  const filter = parseJsonParam('filter', query.filter, spec.filter.strict()) ?? spec.filter.strict().parse({});
  const direction = order === 'ASC' ? 1 : -1;
  // _id last keeps pages stable when the sort field has ties.
  const sort: Record<string, 1 | -1> = sortField === '_id' ? { _id: direction } : { [sortField]: direction, _id: direction };
  return { filter: filter as z.output<F>, sort, skip: start, limit: end - start + 1 };
}

export function sendList(res: Response, resource: string, records: unknown[], skip: number, total: number) {
  const range = records.length === 0 ? '*' : `${skip}-${skip + records.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${range}/${total}`);
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
  res.json(records);
}

/** `id` in a filter: one id or a list (getMany). */
export const idFilter = <T extends z.ZodType<string>>(id: T) => z.union([id, z.array(id).max(MAX_PAGE)]).optional();

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `q`: a prefix search on the lowercased field, so it can use the field's index. */
export const prefixSearch = (fields: string[], q: string | undefined) => {
  const text = q?.trim().toLowerCase();
  if (!text) return {};
  const regex = new RegExp(`^${escapeRegex(text)}`);
  return { $or: fields.map((field) => ({ [field]: regex })) };
};
/** An equality filter on one value or any of several; nothing when the filter is absent. */
export const match = <T>(field: string, value: T | T[] | undefined, convert: (one: T) => unknown = (one) => one) =>
  value === undefined ? {} : { [field]: Array.isArray(value) ? { $in: value.map(convert) } : convert(value) };
