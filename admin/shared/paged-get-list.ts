import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'react-admin';
import { MAX_LIST_PAGE } from '../../domain/list-page';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * getList for any page size: the API returns at most MAX_LIST_PAGE records a request, so a larger
 * page (react-admin's ExportButton asks for `maxResults` records in one page) is read as
 * consecutive requests of at most that many, in the list's sort and filter, and joined. Screens
 * never ask for more than a page, so only exports take this path. Pages are read one after the
 * other: the server's deep pages are cheap (data/paged-list.ts), and one admin's export
 * should not take every connection of the API.
 */
export function pagedGetList(getList: DataProvider['getList']): DataProvider['getList'] {
  return async function <RecordType extends RaRecord>(resource: string, params: GetListParams): Promise<GetListResult<RecordType>> {
    const { page, perPage } = params.pagination ?? { page: 1, perPage: MAX_LIST_PAGE };
    if (perPage <= MAX_LIST_PAGE) return getList<RecordType>(resource, params);
    const first = (page - 1) * perPage;
    // Requests are pages of the same size, so that the first starts where this page does.
    const size = gcd(first, MAX_LIST_PAGE);
    const data: RecordType[] = [];
    // A user created meanwhile pushes the list down by one: the record read twice is kept once.
    const seen = new Set<RecordType['id']>();
    let total: number | undefined;
    for (let start = first; start < first + perPage; start += size) {
      const answer = await getList<RecordType>(resource, { ...params, pagination: { page: start / size + 1, perPage: size } });
      total ??= answer.total;
      for (const record of answer.data.slice(0, first + perPage - start)) {
        if (!seen.has(record.id)) data.push(record);
        seen.add(record.id);
      }
      if (answer.data.length < size || (total !== undefined && start + size >= total)) break;
    }
    // Past 10,000 matches a bounded list has no total (shared/bounded-list.ts): the pages read say how far it went.
    return total === undefined ? { data, pageInfo: { hasNextPage: false, hasPreviousPage: first > 0 } } : { data, total };
  };
}
