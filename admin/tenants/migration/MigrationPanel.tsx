import SyncIcon from '@mui/icons-material/Sync';
import { Alert, AlertTitle, Button, Card, CardContent, CardHeader, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  Confirm,
  HttpError,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { MigrationReviewRow } from '../../../domain/migration';
import type { AdminDataProvider } from '../../data-provider';
import { ImportUsersButton } from './ImportUsers';
import { MigrationProgressCard } from './MigrationProgressCard';
import { ReviewSearch } from './ReviewSearch';
import { ReviewTable } from './ReviewTable';

type Refusal = { code: string; message: string; fields: { path: string; message: string }[] };

const refusalOf = (error: unknown): Refusal => {
  if (error instanceof HttpError) {
    const body = error.body as { code?: string; error?: { fields?: Refusal['fields'] } } | undefined;
    return { code: body?.code ?? 'ERROR', message: error.message, fields: body?.error?.fields ?? [] };
  }
  return { code: 'ERROR', message: String(error), fields: [] };
};

/**
 * The login migration of one tenant (seed: "Configurar agora" → review → "Atualizar Contas"):
 * fix or inactivate users to migrate, press Update accounts on behalf of the qualified tenant
 * user, and follow the run's progress. The API checks eligibility and blocking problems.
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
  const [chosenUserId, setChosenUserId] = useState('');
  // A console account linked to a tenant user always acts as that user (the API enforces it too).
  const { identity } = useGetIdentity();
  const linkedUserId = (identity?.tenantUserId as string | null | undefined) ?? null;
  const otherTenant = linkedUserId !== null && identity?.tenantId !== tenantId;
  const actingUserId = linkedUserId ?? chosenUserId;
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  // Users leave the review as their lifecycles start, so it follows a run like the progress does.
  const review = useQuery({
    queryKey: ['migration-review', tenantId],
    queryFn: () => dataProvider.migrationReview(tenantId),
    enabled: Boolean(tenantId),
    refetchInterval: 3_000,
  });
  // A search shows its rows; the counts and blocking problems above stay those of the whole review.
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['migration-review', tenantId, q],
    queryFn: () => dataProvider.migrationReview(tenantId, q),
    enabled: Boolean(tenantId && q),
    refetchInterval: 3_000,
  });
  const runs = useQuery({
    queryKey: ['migrations', tenantId],
    queryFn: () => dataProvider.migrations(tenantId),
    enabled: Boolean(tenantId),
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 1_500 : 10_000),
  });
  // When a run ends, the page's other lists (the tenant's users) show where everyone is now, not
  // what their next poll would have said.
  const refresh = useRefresh();
  const running = Boolean(runs.data?.some((run) => run.status === 'running'));
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) refresh();
    wasRunning.current = running;
  }, [running, refresh]);
  // Who the update runs on behalf of: any active tenant user may be chosen; the API refuses all but the qualified one.
  const members = useGetList(
    'users',
    {
      filter: { tenantId, status: ['invited', 'registered', 'active', 'staged'] },
      sort: { field: 'code', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: Boolean(tenantId) },
  );

  const refreshAll = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['migration-review', tenantId] }),
      queryClient.invalidateQueries({ queryKey: ['migrations', tenantId] }),
    ]);
  const onError = (error: unknown) => notify(error instanceof Error ? error.message : String(error), { type: 'error' });
  const showReview = (rows: MigrationReviewRow[]) => {
    queryClient.setQueryData(['migration-review', tenantId], rows);
    if (q) void queryClient.invalidateQueries({ queryKey: ['migration-review', tenantId, q] });
  };
  const fixEmail = useMutation({
    mutationFn: ({ userId, email }: { userId: string; email: string }) => dataProvider.fixProposedEmail(tenantId, userId, email),
    onSuccess: showReview,
    onError,
  });
  const setExcluded = useMutation({
    mutationFn: ({ userId, excluded }: { userId: string; excluded: boolean }) => dataProvider.setExcludedFromMigration(tenantId, userId, excluded),
    onSuccess: showReview,
    onError,
  });
  const start = useMutation({
    mutationFn: () => dataProvider.startMigration(tenantId, linkedUserId ? undefined : actingUserId),
    onMutate: () => setRefusal(null),
    onSuccess: (answer) => {
      notify(label(answer.alreadyRunning ? 'already_running' : 'started'), { type: 'info' });
      void refreshAll();
    },
    onError: (error) => setRefusal(refusalOf(error)),
  });
  const cancel = useMutation({ mutationFn: (migrationId: string) => dataProvider.cancelMigration(migrationId), onSuccess: () => void refreshAll(), onError });

  const rows = review.data ?? [];
  const shownRows = q ? (found.data ?? []) : rows;
  const toMigrate = rows.filter((row) => row.status === 'staged');
  const blocking = toMigrate.filter((row) => row.problems.length > 0);
  const latest = runs.data?.[0];
  const busy = fixEmail.isPending || setExcluded.isPending;

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="migration-panel">
      <CardHeader
        title={label('title')}
        subheader={label('subtitle', { smart_count: toMigrate.length })}
        slotProps={{ title: { variant: 'h6' } }}
        action={canWrite && !otherTenant ? <ImportUsersButton tenantId={tenantId} /> : undefined}
      />
      <CardContent>
        <Stack spacing={2}>
          {latest && <MigrationProgressCard run={latest} canWrite={canWrite} onCancel={() => cancel.mutate(latest.migrationId)} />}
          {rows.length === 0 ? (
            <Typography color="text.secondary">{label('nothing_staged')}</Typography>
          ) : (
            <>
              <ReviewSearch onSearch={setQ} />
              {q && found.isSuccess && shownRows.length === 0 ? (
                <Typography color="text.secondary">{label('no_match')}</Typography>
              ) : (
                <ReviewTable
                  rows={shownRows}
                  canWrite={canWrite}
                  busy={busy}
                  onFixEmail={(userId, email) => fixEmail.mutate({ userId, email })}
                  onSetExcluded={(userId, excluded) => setExcluded.mutate({ userId, excluded })}
                />
              )}
            </>
          )}
          {blocking.length > 0 && <Alert severity="warning">{label('blocking', { smart_count: blocking.length })}</Alert>}
          {refusal && (
            <Alert severity="error" data-testid="migration-refusal" data-code={refusal.code}>
              <AlertTitle>{refusal.code === 'CLIENT_INELIGIBLE' ? label('ineligible_title') : label('refused_title')}</AlertTitle>
              {refusal.message}
              {refusal.code === 'MIGRATION_BLOCKED' && (
                <ul style={{ margin: '8px 0 0' }}>
                  {refusal.fields.map((field) => (
                    <li key={field.path}>{field.message}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {canWrite && otherTenant && <Alert severity="info">{label('other_tenant')}</Alert>}
          {canWrite && !otherTenant && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
              <TextField
                select
                size="small"
                label={label('acting_user')}
                helperText={linkedUserId ? label('acting_user_linked') : label('acting_user_help')}
                value={actingUserId}
                disabled={linkedUserId !== null}
                onChange={(event) => setChosenUserId(event.target.value)}
                sx={{ minWidth: 320 }}
                slotProps={{ htmlInput: { 'data-testid': 'acting-user' } }}
              >
                {(members.data ?? []).map((member) => (
                  <MenuItem key={member.id} value={member.id}>
                    {member.code} · {member.name} ({translate(`roles.${member.role}`)})
                  </MenuItem>
                ))}
              </TextField>
              <Button
                variant="contained"
                startIcon={<SyncIcon />}
                disabled={!actingUserId || start.isPending || latest?.status === 'running'}
                onClick={() => setConfirming(true)}
              >
                {label('update_accounts')}
              </Button>
            </Stack>
          )}
        </Stack>
      </CardContent>
      <Confirm
        isOpen={confirming}
        title={label('confirm_title')}
        content={label('confirm_content', { smart_count: toMigrate.length })}
        confirm={label('update_accounts')}
        onConfirm={() => {
          setConfirming(false);
          start.mutate();
        }}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}
