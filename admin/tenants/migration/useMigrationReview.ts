import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { AdminDataProvider, MigrationReviewPage, ReviewQuery } from '../../data-provider';

export const REVIEW_PAGE_SIZES = [25, 50, 100];

/**
 * One page of the review (seed: "Configurar agora") and its fixes, as the API pages it: search,
 * "only the rows with problems", offset and limit. A fix answers the page the console is on, so
 * it replaces that page at once; the counts and the qualified supervisor are the whole review's.
 */
export function useMigrationReview(tenantId: string) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [q, setQ] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(REVIEW_PAGE_SIZES[0]!);
  const query: ReviewQuery = { q, problemsOnly, offset: page * perPage, limit: perPage };
  const queryKey = ['migration-review', tenantId, query];

  // Users leave the review as their lifecycles start, so it follows a run as the progress does.
  const review = useQuery({
    queryKey,
    queryFn: () => dataProvider.migrationReview(tenantId, query),
    enabled: Boolean(tenantId),
    refetchInterval: 3_000,
    placeholderData: keepPreviousData,
  });
  const show = (answer: MigrationReviewPage) => {
    queryClient.setQueryData(queryKey, answer);
    // Other pages and filters hold the same rows: they are read again when shown.
    void queryClient.invalidateQueries({ queryKey: ['migration-review', tenantId], refetchType: 'none' });
  };
  const onError = (error: unknown) => notify(error instanceof Error ? error.message : String(error), { type: 'error' });
  const fixEmail = useMutation({
    mutationFn: ({ userId, email }: { userId: string; email: string }) => dataProvider.fixProposedEmail(tenantId, userId, email, query),
    onSuccess: show,
    onError,
  });
  const setExcluded = useMutation({
    mutationFn: ({ userId, excluded }: { userId: string; excluded: boolean }) => dataProvider.setExcludedFromMigration(tenantId, userId, excluded, query),
    onSuccess: show,
    onError,
  });

  // Fixing the last row of the last page (with "only problems") leaves it empty: show the one before.
  const total = review.data?.total ?? 0;
  useEffect(() => {
    if (page > 0 && review.data && page * perPage >= total) setPage(Math.max(0, Math.ceil(total / perPage) - 1));
  }, [page, perPage, total, review.data]);

  return {
    review,
    query,
    page,
    perPage,
    search: (text: string) => {
      setQ(text);
      setPage(0);
    },
    setProblemsOnly: (value: boolean) => {
      setProblemsOnly(value);
      setPage(0);
    },
    setPage,
    setPerPage: (value: number) => {
      setPerPage(value);
      setPage(0);
    },
    fixEmail: (userId: string, email: string) => fixEmail.mutateAsync({ userId, email }).then(() => undefined),
    setExcluded: (userId: string, excluded: boolean) => setExcluded.mutate({ userId, excluded }),
    busy: fixEmail.isPending || setExcluded.isPending,
    refresh: () => queryClient.invalidateQueries({ queryKey: ['migration-review', tenantId] }),
  };
}
export type MigrationReviewState = ReturnType<typeof useMigrationReview>;
