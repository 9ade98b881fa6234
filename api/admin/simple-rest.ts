import type { Response } from 'express';
import { z } from 'zod';
import { domainError } from '../../domain/errors.js';
import { LIST_OFFSET_LIMIT, MAX_LIST_PAGE } from '../../domain/list-page.js';
import { validationError } from '../errors.js';
import { jsonQueryParameter } from '../http/json-query.js';

export interface ListSpec<F extends z.ZodObject> {
  /** Allowed sort fields (as the API names them) and the MongoDB field behind each; each has an index. */
  sortFields: Record<string, string>;
  filter: F;
  defaultSort: [string, 'ASC' | 'DESC'];
  /**
   * A list that may hold millions (the users): offsets up to LIST_OFFSET_LIMIT, then a cursor
   * (`after`), and a total counted up to LIST_COUNT_LIMIT (data/paged-list.ts findBoundedPage).
   */
  bounded?: true;
}

const MAX_PAGE = MAX_LIST_PAGE;
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A bounded list's cursor (parseListQuery, data/paged-list.ts decodeCursor). */
const afterParameter = z
  .string()
  .min(1)
  .max(2_000)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .meta({
    description:
      'The cursor an earlier page answered in `X-Next-Cursor` (for the same sort and filter): the list goes on from the row after it, however deep. A cursor written for another sort is refused (400 INVALID_CURSOR)',
  });
/** A bounded list's range start: documented up to the offset limit, refused past it with its own code (parseListQuery), not as a malformed range. */
const boundedStart = position.meta({ maximum: LIST_OFFSET_LIMIT - 1 });
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
  const schema = z.object({
    sort: jsonQueryParameter(pair(z.enum(sortFields), z.enum(['ASC', 'DESC'])))
      .optional()
      .meta({ description: `JSON \`[field, "ASC"|"DESC"]\`; default ${JSON.stringify(spec.defaultSort)}`, example: spec.defaultSort }),
    range: jsonQueryParameter(pair(spec.bounded ? boundedStart : position, position))
      .optional()
      .meta({
        description: `JSON \`[start, end]\`, inclusive; at most ${MAX_PAGE.toLocaleString('en')} records come back (Content-Range says which)${
          spec.bounded
            ? `. \`start\` is at most ${(LIST_OFFSET_LIMIT - 1).toLocaleString('en')} (400 PAGE_TOO_DEEP past it): further on, page with \`after\`; with \`after\`, the range counts from the row after the cursor`
            : ''
        }`,
        example: [0, 24],
      }),
    filter: jsonQueryParameter(spec.filter.strict())
      .optional()
      .meta({ description: 'JSON object of filters, each optional; `id` takes one id or an array (getMany)', example: {} }),
    embed: z.string().max(200).optional().meta({ description: 'Accepted for compatibility; ignored' }),
  });
  // Typed as having `after` either way: the handler passes it on, parseListQuery reads it for a bounded list only.
  return (spec.bounded ? schema.extend({ after: afterParameter }) : schema) as ReturnType<typeof schema.extend<{ after: typeof afterParameter }>>;
}
/** A list request once its JSON parameters are decoded (listQuerySchema validates them). */
export interface ListQuery {
  sort?: [string, 'ASC' | 'DESC'];
  range?: [number, number];
  filter?: Record<string, unknown>;
  after?: string;
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
  if (spec.bounded && start >= LIST_OFFSET_LIMIT)
    throw domainError('PAGE_TOO_DEEP', { fields: [{ path: 'range', message: `starts at most at ${LIST_OFFSET_LIMIT - 1}` }] });
  return {
    filter: filter as z.output<F>,
    sort,
    skip: start,
    limit: end < start ? 0 : Math.min(end - start + 1, MAX_PAGE),
    ...(spec.bounded && query.after ? { after: query.after } : {}),
  };
}

/**
 * A page of a list (`items` from `skip` on, of `total`) as ra-data-simple-rest reads it. A bounded
 * list also says when more than `total` match (`Content-Range: users 0-24/*`, as HTTP writes an
 * unknown length, and `X-Total-Exceeds: 10000`: past the count's limit, or the rows shown when
 * counting would cost too much) and where the next page starts (`X-Next-Cursor`, absent after the
 * last row); after a cursor, Content-Range counts from it.
 */
export function sendList(
  res: Response,
  resource: string,
  { items, total, more = false, next }: { items: unknown[]; total: number; more?: boolean; next?: string | null },
  skip: number,
) {
  const range = items.length === 0 ? '*' : `${skip}-${skip + items.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${range}/${more ? '*' : total}`);
  if (more) res.setHeader('X-Total-Exceeds', String(total));
  if (next) res.setHeader('X-Next-Cursor', next);
  res.setHeader('Access-Control-Expose-Headers', next === undefined ? 'Content-Range' : 'Content-Range, X-Total-Exceeds, X-Next-Cursor');
  res.json(items);
}

/** `id` in a filter: one id or a list (getMany). */
export const idFilter = <T extends z.ZodType<string>>(id: T) => z.union([id, z.array(id).max(MAX_PAGE)]).optional();
