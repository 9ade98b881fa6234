import type { LabelDisplayedRowsArgs } from '@mui/material';
import { Pagination, useListContext, useLocaleState, useTranslate, type PaginationProps } from 'react-admin';

/**
 * react-admin's pagination for the users list. Past 10,000 matches the API counts no further
 * (shared/bounded-list.ts): the list pages on with previous and next, each page read from the last
 * one's cursor, and says "1–25 of more than 10,000" (or, for a search with a filter too costly to
 * count, more than the rows seen so far), asking for a narrower search.
 */
export function UsersPagination() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { meta } = useListContext();
  const label = ({ from, to, count }: LabelDisplayedRowsArgs) =>
    count === -1
      ? translate('resources.users.more_than', { from, to, limit: Math.max(Number(meta?.totalExceeds ?? 0), to).toLocaleString(locale) })
      : translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count });
  // Passed on to MUI's TablePagination, whose prop it is (react-admin's type leaves it out).
  return <Pagination {...({ labelDisplayedRows: label } as PaginationProps)} />;
}
