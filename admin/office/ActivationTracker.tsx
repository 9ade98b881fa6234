import { Button, Card, CardContent, CardHeader, MenuItem, Stack, TextField } from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { StuckReason } from '../../domain/activation';
import type { AdminDataProvider } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { useMigrationRuns } from '../tenants/migration/MigrationPanel';
import { ActivationProgress } from './ActivationProgress';
import { PeopleCounts } from './PeopleCounts';
import { StuckPeople, STUCK_PAGE_SIZES } from './StuckPeople';
import { ConfirmAllLinksButton } from './stuck-fixes';

interface ActivationTrackerProps {
  tenantId: string;
  /** One "Atualizar Contas" run, or undefined for the whole office. */
  migrationId: string | undefined;
  onMigrationChange: (migrationId: string | undefined) => void;
}

/**
 * After "Atualizar Contas": where the office's people are (or one run's), how many can sign in,
 * and who is stuck with the fix for each. Read again every few seconds, so a fix shows its effect.
 */
export function ActivationTracker({ tenantId, migrationId, onMigrationChange }: ActivationTrackerProps) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`office.tracker.${key}`, options);
  const formatDateTime = useFormatDateTime();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'tenants', action: 'migrate' });
  const runs = useMigrationRuns(tenantId);
  const [stuckDays, setStuckDays] = useState(3);
  const [reason, setReason] = useState<StuckReason | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(STUCK_PAGE_SIZES[0]!);
  const query = { stuckDays, migrationId, reason, offset: page * perPage, limit: perPage };
  const tracker = useQuery({
    queryKey: ['activation', tenantId, query],
    queryFn: () => dataProvider.activationTracker(tenantId, query),
    enabled: Boolean(tenantId),
    refetchInterval: 3_000,
    placeholderData: keepPreviousData,
  });
  // "Confirmar todos" confirms everyone of the office waiting, whichever update is shown.
  const office = useQuery({
    queryKey: ['activation', tenantId, 'office'],
    queryFn: () => dataProvider.activationTracker(tenantId, { stuckDays, offset: 0, limit: 1 }),
    enabled: Boolean(tenantId && migrationId),
    refetchInterval: 3_000,
  });
  const cancel = useMutation({
    mutationFn: (id: string) => dataProvider.cancelMigration(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['migrations', tenantId] }),
    onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
  });
  const chosenRun = runs.data?.find((run) => run.migrationId === migrationId);
  const data = tracker.data;
  const waiting = (migrationId ? office.data?.counts.linking : data?.counts.linking) ?? 0;

  return (
    <Stack spacing={2} data-testid="activation-tracker">
      <Card>
        <CardHeader
          title={label('title')}
          subheader={label('subtitle')}
          action={
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {canWrite && chosenRun?.status === 'running' && (
                <Button color="warning" disabled={cancel.isPending} onClick={() => cancel.mutate(chosenRun.migrationId)}>
                  {translate('resources.tenants.migration.cancel')}
                </Button>
              )}
              <TextField
                select
                size="small"
                label={label('scope')}
                value={migrationId ?? ''}
                onChange={(event) => {
                  setPage(0);
                  onMigrationChange(event.target.value || undefined);
                }}
                sx={{ minWidth: 280 }}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'tracker-scope' } }}
              >
                <MenuItem value="">{label('whole_office')}</MenuItem>
                {(runs.data ?? []).map((run) => (
                  <MenuItem key={run.migrationId} value={run.migrationId}>
                    {label('run', { date: formatDateTime(run.createdAt), status: label(`run_status.${run.status}`) })}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
          }
        />
        <CardContent>
          {data && (
            <Stack spacing={2}>
              <ActivationProgress counts={data.counts} />
              <PeopleCounts tenantId={tenantId} counts={data.counts} />
            </Stack>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader
          title={label('stuck_title')}
          subheader={data ? label('stuck_subtitle', { smart_count: data.stuck.total }) : undefined}
          action={canWrite && data ? <ConfirmAllLinksButton tenantId={tenantId} waiting={waiting} /> : undefined}
        />
        <CardContent>
          {data && (
            <StuckPeople
              stuck={data.stuck}
              reason={reason}
              onReason={(next) => {
                setReason(next);
                setPage(0);
              }}
              onDays={(days) => {
                setStuckDays(days);
                setPage(0);
              }}
              page={page}
              perPage={perPage}
              onPage={setPage}
              onPerPage={(next) => {
                setPerPage(next);
                setPage(0);
              }}
            />
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
