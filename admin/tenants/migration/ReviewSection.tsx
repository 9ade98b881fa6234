import { Alert, Box, Chip, FormControlLabel, Stack, Switch, TablePagination, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ReviewSearch } from './ReviewSearch';
import { ReviewTable } from './ReviewTable';
import { REVIEW_PAGE_SIZES, type MigrationReviewState } from './useMigrationReview';

/**
 * The review with its controls: the whole review's counts, the search box, "only the rows with
 * problems", the table and its pages. The counts and the blocking warning stay the whole office's
 * whatever the filters show.
 */
export function ReviewSection({ state, canWrite }: { state: MigrationReviewState; canWrite: boolean }) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.${key}`, options);
  const data = state.review.data;
  const filtered = Boolean(state.query.q) || state.query.problemsOnly;
  if (!data) return null;
  if (data.counts.toMigrate + data.counts.inactive === 0) {
    return (
      <Typography color="text.secondary" data-testid="review-empty">
        {label('nothing_staged')}
      </Typography>
    );
  }
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="review-counts">
        <Chip label={label('counts.to_migrate', { smart_count: data.counts.toMigrate })} data-count="toMigrate" />
        <Chip
          label={label('counts.with_problems', { smart_count: data.counts.withProblems })}
          color={data.counts.withProblems > 0 ? 'error' : 'success'}
          variant="outlined"
          data-count="withProblems"
        />
        <Chip label={label('counts.inactive', { smart_count: data.counts.inactive })} variant="outlined" data-count="inactive" />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <ReviewSearch onSearch={state.search} />
        <FormControlLabel
          control={<Switch checked={state.query.problemsOnly} onChange={(event) => state.setProblemsOnly(event.target.checked)} data-testid="problems-only" />}
          label={label('problems_only')}
        />
      </Stack>
      {filtered && data.total === 0 ? (
        <Typography color="text.secondary">{label(state.query.problemsOnly && !state.query.q ? 'no_problems' : 'no_match')}</Typography>
      ) : (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <ReviewTable rows={data.rows} canWrite={canWrite} busy={state.busy} onFixEmail={state.fixEmail} onSetExcluded={state.setExcluded} />
          </Box>
          <TablePagination
            component="div"
            count={data.total}
            page={state.page}
            rowsPerPage={state.perPage}
            rowsPerPageOptions={REVIEW_PAGE_SIZES}
            onPageChange={(_event, page) => state.setPage(page)}
            onRowsPerPageChange={(event) => state.setPerPage(Number(event.target.value))}
            labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
            labelDisplayedRows={({ from, to, count }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })}
          />
        </>
      )}
      {data.counts.withProblems > 0 && (
        <Alert severity="warning" data-testid="review-blocking">
          {label('blocking', { smart_count: data.counts.withProblems })}
        </Alert>
      )}
    </Stack>
  );
}
