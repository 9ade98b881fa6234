import type { DataProvider, GetListResult, RaRecord, SortPayload } from 'react-admin';
import { httpClient } from './http';

/**
 * The lists the API bounds (api/admin/simple-rest.ts `bounded`: the users, millions of them in a
 * national base): offsets before row LIST_OFFSET_LIMIT only, then a cursor, and a total counted up
 * to LIST_COUNT_LIMIT. Read here instead of through the stock ra-data-simple-rest getList, which
 * sees neither the cursor nor "more than 10,000".
 *
 * Each answer's `X-Next-Cursor` is kept as where the next page of the same list (resource, sort,
 * filter, page size) starts, and the next page is asked for from it: as cheap at page 40,000 as at
 * page 2, and a page does not shift when users are added meanwhile. A page with no cursor kept (a
 * page number typed in the address) is asked for by offset, which the API answers up to row
 * 10,000 and refuses beyond with "more than 10,000: refine the search". When more than 10,000
 * match, the total is unknown: the answer carries `pageInfo` instead (react-admin's partial
 * pagination: previous and next, no page numbers) and `meta.totalExceeds`, the N of "more than N".
 */
export const BOUNDED_RESOURCES = new Set(['users']);

/** Page number → the cursor it starts after, per list; the lists last read, a few dozen at most. */
const cursors = new Map<string, Map<number, string>>();
const KEPT_LISTS = 50;

function cursorsOf(key: string) {
  let pages = cursors.get(key);
  if (pages) cursors.delete(key);
  pages ??= new Map();
  cursors.set(key, pages);
  if (cursors.size > KEPT_LISTS) cursors.delete(cursors.keys().next().value!);
  return pages;
}

interface BoundedListParams {
  pagination: { page: number; perPage: number };
  sort: SortPayload;
  filter: Record<string, unknown>;
  signal?: AbortSignal;
}

/** One page of a bounded list (see above); `total` only while it is 10,000 or fewer. */
export async function boundedList<RecordType extends RaRecord>(
  apiUrl: string,
  resource: string,
  params: BoundedListParams,
): Promise<GetListResult<RecordType>> {
  const { page, perPage } = params.pagination;
  const { field, order } = params.sort;
  const pages = cursorsOf(JSON.stringify([resource, field, order, params.filter, perPage]));
  const after = page > 1 ? pages.get(page) : undefined;
  const start = after ? 0 : (page - 1) * perPage;
  const query = new URLSearchParams({
    sort: JSON.stringify([field, order]),
    range: JSON.stringify([start, start + perPage - 1]),
    filter: JSON.stringify(params.filter),
    ...(after ? { after } : {}),
  });
  const { headers, json } = await httpClient(`${apiUrl}/${resource}?${query}`, { signal: params.signal });
  const next = headers.get('x-next-cursor');
  if (next) pages.set(page + 1, next);
  else pages.delete(page + 1);
  const exceeds = headers.get('x-total-exceeds');
  if (exceeds !== null) {
    // "More than N": 10,000, or, for a search too costly to count, the rows shown so far.
    const totalExceeds = Math.max(Number(exceeds), start + (json as unknown[]).length);
    return { data: json as RecordType[], pageInfo: { hasNextPage: next !== null, hasPreviousPage: page > 1 }, meta: { totalExceeds } };
  }
  return { data: json as RecordType[], total: Number.parseInt(headers.get('content-range')?.split('/').pop() ?? '', 10) };
}

/** getList and getManyReference for the bounded resources; the rest go to the stock provider's. */
export function withBoundedLists(
  apiUrl: string,
  provider: Pick<DataProvider, 'getList' | 'getManyReference'>,
): Pick<DataProvider, 'getList' | 'getManyReference'> {
  return {
    getList: (resource, params) =>
      BOUNDED_RESOURCES.has(resource)
        ? boundedList(apiUrl, resource, {
            pagination: params.pagination ?? { page: 1, perPage: 25 },
            sort: params.sort ?? { field: 'id', order: 'ASC' },
            filter: params.filter ?? {},
            signal: params.signal,
          })
        : provider.getList(resource, params),
    getManyReference: (resource, params) =>
      BOUNDED_RESOURCES.has(resource)
        ? boundedList(apiUrl, resource, { ...params, filter: { ...params.filter, [params.target]: params.id } })
        : provider.getManyReference(resource, params),
  };
}
