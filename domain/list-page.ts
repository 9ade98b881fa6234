/**
 * The most records one admin list request returns (ra-data-simple-rest's `range`): a wider range
 * gets its first MAX_LIST_PAGE records, Content-Range saying so (api/admin/simple-rest.ts), and the
 * console pages through anything larger, such as an export (admin/shared/paged-get-list.ts).
 */
export const MAX_LIST_PAGE = 1_000;
