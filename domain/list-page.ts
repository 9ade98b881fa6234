/**
 * The most records one admin list request returns (ra-data-simple-rest's `range`): a wider range
 * gets its first MAX_LIST_PAGE records, Content-Range saying so (api/admin/simple-rest.ts), and the
 * console pages through anything larger, such as an export (admin/shared/paged-get-list.ts).
 */
export const MAX_LIST_PAGE = 1_000;

/**
 * How deep a users list may be paged by offset (`range` starts before it), and up to how many
 * matches its total is counted exactly. Past this a list is paged on with a cursor (`after`, the
 * keyset of the last row: as cheap at the millionth row as at the first), and its total is
 * "more than 10,000": the console says so and asks to refine the search rather than page that
 * far. At a million users an offset of 500,000 skips half a million index keys (153 ms measured)
 * and a count of 250,000 reads as many (338 ms); a bounded count stops at 10,001 keys.
 */
export const LIST_OFFSET_LIMIT = 10_000;
export const LIST_COUNT_LIMIT = 10_000;
/**
 * A count that must read each candidate document (a search with a status: the search's keys are
 * on one index, the status on the documents) is run only when some part of its filter an index
 * counts alone has at most this many matches; otherwise the list says "more than" what it shows.
 */
export const CHECKED_COUNT_LIMIT = 5_000;
