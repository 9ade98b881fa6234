import type { Response } from 'express';
import { z } from 'zod';
import { MAX_LIST_PAGE } from '../../domain/list-page.js';
import { validationError } from '../errors.js';
import { jsonQueryParameter } from '../http/json-query.js';

export interface ListSpec<F extends z.ZodObject> {
  /** Allowed sort fields (as the API names them) and the MongoDB field behind each; each has an index. */
  sortFields: Record<string, string>;
  filter: F;
  defaultSort: [string, 'ASC' | 'DESC'];
}

const MAX_PAGE = MAX_LIST_PAGE;
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A pair, documented as one: the generator writes a tuple's `prefixItems` but not its length. */
const pair = <A extends z.ZodType, B extends z.ZodType>(first: A, second: B) => z.tuple([first, second]).meta({ minItems: 2, maxItems: 2 });

/**
 * The query contract of ra-data-simple-rest (packages/ra-data-simple-rest/src/index.ts), each
 * parameter a JSON document, validated and documented by its decoded shape (api/http/json-query.ts):
 *   GET /<resource>?sort=["name","ASC"]&range=[0,24]&filter={"q":"ana","status":"invited"}
 *   GET /<resource>?filter={"id":["…","…"]}       (getMany: no sort, no range)
 * Lists answer `Content-Range: <resource> 0-24/319`, exposed to browsers. A range is a request, not
 * a promise: one wider than MAX_LIST_PAGE records answers its first MAX_LIST_PAGE, one ending before
 * it starts answers none, and Content-Range always says which records came.
 */
export function listQuerySchema<F extends z.ZodObject>(spec: ListSpec<F>) {
  const sortFields = Object.keys(spec.sortFields) as [string, ...string[]];
  return z.object({
    sort: jsonQueryParameter(pair(z.enum(sortFields), z.enum(['ASC', 'DESC'])))
      .optional()
      .meta({ description: `JSON \`[field, "ASC"|"DESC"]\`; default ${JSON.stringify(spec.defaultSort)}`, example: spec.defaultSort }),
    range: jsonQueryParameter(pair(position, position))
      .optional()
      .meta({
        description: `JSON \`[start, end]\`, inclusive; at most ${MAX_PAGE.toLocaleString('en')} records come back (Content-Range says which)`,
        example: [0, 24],
      }),
    filter: jsonQueryParameter(spec.filter.strict())
      .optional()
      .meta({ description: 'JSON object of filters, each optional; `id` takes one id or an array (getMany)', example: {} }),
    embed: z.string().max(200).optional().meta({ description: 'Accepted for compatibility; ignored' }),
  });
}
/** A list request once its JSON parameters are decoded (listQuerySchema validates them). */
export interface ListQuery {
  sort?: [string, 'ASC' | 'DESC'];
  range?: [number, number];
  filter?: Record<string, unknown>;
}

export function parseListQuery<F extends z.ZodObject>(query: ListQuery, spec: ListSpec<F>) {
  const [field, order] = query.sort ?? spec.defaultSort;
  // Own keys only: a plain lookup would accept `constructor` or `__proto__` as sort fields.
  const sortField = Object.hasOwn(spec.sortFields, field) ? spec.sortFields[field] : undefined;
  if (!sortField) {
    throw validationError(
      new z.ZodError([{ code: 'custom', path: ['sort', 0], message: `must be one of ${Object.keys(spec.sortFields).join(', ')}`, input: field }]),
      'query',
    );
  }
  const [start, end] = query.range ?? [0, MAX_PAGE - 1];
  const filter = spec.filter.strict().parse(query.filter ?? {});
  const direction = order === 'ASC' ? 1 : -1;
  // _id last keeps pages stable when the sort field has ties.
  const sort: Record<string, 1 | -1> = sortField === '_id' ? { _id: direction } : { [sortField]: direction, _id: direction };
  return { filter: filter as z.output<F>, sort, skip: start, limit: end < start ? 0 : Math.min(end - start + 1, MAX_PAGE) };
}

/** A page of a list (`items` from `skip` on, of `total`) as ra-data-simple-rest reads it. */
export function sendList(res: Response, resource: string, { items, total }: { items: unknown[]; total: number }, skip: number) {
  const range = items.length === 0 ? '*' : `${skip}-${skip + items.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${range}/${total}`);
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range');
  res.json(items);
}

/** `id` in a filter: one id or a list (getMany). */
export const idFilter = <T extends z.ZodType<string>>(id: T) => z.union([id, z.array(id).max(MAX_PAGE)]).optional();
