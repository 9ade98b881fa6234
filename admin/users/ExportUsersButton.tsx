import { ExportButton, useListContext, useNotify } from 'react-admin';
import { MAX_LIST_PAGE } from '../../domain/list-page';

/**
 * The most users one export holds. Pages of 1,000 are read one after the other (about 5 s for
 * 100,000 on the bench machine) and the file is built in the browser's memory, so the cap keeps a
 * click from turning into minutes; a larger base is exported by filter (tenant, status).
 */
export const EXPORT_MAX_ROWS = 100_000;

/** The stock ExportButton over every matching user, up to EXPORT_MAX_ROWS; says so when it takes long or stops short. */
export function ExportUsersButton() {
  // No total past 10,000 matches (shared/bounded-list.ts): as many as the cap, at most.
  const { total, hasNextPage } = useListContext();
  const notify = useNotify();
  const onClick = () => {
    if (total === undefined && hasNextPage)
      notify('resources.users.export.capped_unknown', { type: 'warning', messageArgs: { max: EXPORT_MAX_ROWS.toLocaleString() } });
    else if (total === undefined) return;
    else if (total > EXPORT_MAX_ROWS)
      notify('resources.users.export.capped', { type: 'warning', messageArgs: { max: EXPORT_MAX_ROWS.toLocaleString(), total: total.toLocaleString() } });
    else if (total > MAX_LIST_PAGE)
      notify('resources.users.export.started', { type: 'info', messageArgs: { smart_count: total, total: total.toLocaleString() } });
  };
  return <ExportButton maxResults={EXPORT_MAX_ROWS} onClick={onClick} />;
}
