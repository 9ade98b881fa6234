import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AdminDataProvider } from '../data-provider';

/** The whole review's counts (one row is enough to read them) and who may press "Atualizar Contas". */
export function useReviewCounts(tenantId: string | null) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({
    queryKey: ['migration-review', tenantId, 'counts'],
    queryFn: () => dataProvider.migrationReview(tenantId!, { q: '', problemsOnly: false, offset: 0, limit: 1 }),
    enabled: Boolean(tenantId),
    refetchInterval: 5_000,
  });
}

/** Whether the e-mails go out: the dashboard's check, which the API narrows to the office like the rest. */
export function useCommunicationAgent() {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({ queryKey: ['office-dashboard'], queryFn: () => dataProvider.dashboard(3), refetchInterval: 5_000 });
}
