import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AdminDataProvider } from '../data-provider';

/** The dashboard's figures, polled so a worker starting or an invitation going out shows without a reload. */
export function useDashboard(stuckDays: number) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({ queryKey: ['dashboard', stuckDays], queryFn: () => dataProvider.dashboard(stuckDays), refetchInterval: 3_000 });
}

/** The deployment's Temporal settings: fixed while the API runs, so read once. */
export function useConsoleConfig() {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({ queryKey: ['config'], queryFn: () => dataProvider.config(), staleTime: Infinity });
}
