import { Card, CardContent, CardHeader, Stack } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { AdminDataProvider } from '../../data-provider';
import { ImportUsersButton } from './ImportUsers';
import { MigrationProgressCard } from './MigrationProgressCard';
import { ReviewSection } from './ReviewSection';
import { UpdateAccounts } from './UpdateAccounts';
import { useMigrationReview } from './useMigrationReview';

/** A tenant's migration runs, newest first; polled fast while one runs. */
export function useMigrationRuns(tenantId: string) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({
    queryKey: ['migrations', tenantId],
    queryFn: () => dataProvider.migrations(tenantId),
    enabled: Boolean(tenantId),
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 1_500 : 10_000),
  });
}

/**
 * The login migration of one tenant on its page, for the platform's accounts (an office's own
 * account has its review page, admin/office): fix or inactivate users to migrate, press Update
 * accounts on behalf of the qualified tenant user, and follow the run's progress.
 */
export function MigrationPanel() {
  const tenant = useRecordContext<{ id: string }>();
  const tenantId = tenant?.id ?? '';
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.${key}`, options);
  const notify = useNotify();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const queryClient = useQueryClient();
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'tenants', action: 'migrate', record: tenant });
  const review = useMigrationReview(tenantId);
  const runs = useMigrationRuns(tenantId);

  // When a run ends, the page's other lists (the tenant's users) show where everyone is now, not
  // what their next poll would have said.
  const refresh = useRefresh();
  const running = Boolean(runs.data?.some((run) => run.status === 'running'));
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) refresh();
    wasRunning.current = running;
  }, [running, refresh]);

  const refreshAll = () => Promise.all([review.refresh(), queryClient.invalidateQueries({ queryKey: ['migrations', tenantId] })]);
  const cancel = useMutation({
    mutationFn: (migrationId: string) => dataProvider.cancelMigration(migrationId),
    onSuccess: () => void refreshAll(),
    onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
  });
  const latest = runs.data?.[0];

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="migration-panel">
      <CardHeader
        title={label('title')}
        subheader={label('subtitle', { smart_count: review.review.data?.counts.toMigrate ?? 0 })}
        slotProps={{ title: { variant: 'h6' } }}
        action={canWrite ? <ImportUsersButton tenantId={tenantId} /> : undefined}
      />
      <CardContent>
        <Stack spacing={2}>
          {latest && <MigrationProgressCard run={latest} canWrite={canWrite} onCancel={() => cancel.mutate(latest.migrationId)} />}
          <ReviewSection state={review} canWrite={canWrite} />
          {canWrite && (
            <UpdateAccounts
              tenantId={tenantId}
              review={review.review.data}
              running={running}
              onShowProblems={() => review.setProblemsOnly(true)}
              onStarted={() => void refreshAll()}
            />
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
