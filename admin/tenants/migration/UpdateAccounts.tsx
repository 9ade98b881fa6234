import SyncIcon from '@mui/icons-material/Sync';
import { Alert, AlertTitle, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, HttpError, useDataProvider, useGetIdentity, useGetList, useGetOne, useNotify, useTranslate } from 'react-admin';
import type { AdminDataProvider, MigrationReviewPage } from '../../data-provider';

type Refusal = { code: string; message: string };

const refusalOf = (error: unknown): Refusal => {
  if (error instanceof HttpError) return { code: (error.body as { code?: string } | undefined)?.code ?? 'ERROR', message: error.message };
  return { code: 'ERROR', message: String(error) };
};

interface UpdateAccountsProps {
  tenantId: string;
  review: MigrationReviewPage | undefined;
  /** A run is going on: a second one would only answer the first. */
  running: boolean;
  /** MIGRATION_BLOCKED's way out: the review shows only the rows to fix. */
  onShowProblems: () => void;
  onStarted: (answer: { migrationId: string; alreadyRunning: boolean }) => void;
}

/** Who the update runs on behalf of, for a platform account: any tenant user, the qualified supervisor first. */
function ActingUserPicker({ tenantId, value, onChange }: { tenantId: string; value: string; onChange: (userId: string) => void }) {
  const translate = useTranslate();
  const members = useGetList(
    'users',
    {
      // includeReview: the imported people waiting in the review too, whom the users list leaves out.
      filter: { tenantId, status: ['invited', 'registered', 'linking', 'active', 'staged'], includeReview: true },
      sort: { field: 'code', order: 'ASC' },
      pagination: { page: 1, perPage: 200 },
    },
    { enabled: Boolean(tenantId) },
  );
  return (
    <TextField
      select
      size="small"
      label={translate('resources.tenants.migration.acting_user')}
      helperText={translate('resources.tenants.migration.acting_user_help')}
      value={members.data?.some((member) => member.id === value) ? value : ''}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 320 }}
      slotProps={{ htmlInput: { 'data-testid': 'acting-user' } }}
    >
      {(members.data ?? []).map((member) => (
        <MenuItem key={member.id} value={member.id}>
          {member.code} · {member.name} ({translate(`roles.${member.role}`)})
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * An office's account acts as its own tenant user: the update runs on its behalf, named here, and
 * only the qualified supervisor (lowest code) gets through; anyone else is told who must do it.
 */
function ActingUserNamed({ linkedUserId, review }: { linkedUserId: string; review: MigrationReviewPage | undefined }) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.${key}`, options);
  const linked = useGetOne('users', { id: linkedUserId });
  const qualified = review?.qualified ?? null;
  if (!review) return null;
  if (qualified?.id === linkedUserId) {
    return (
      <Typography data-testid="acting-user-named" data-user-id={qualified.id}>
        {label('acting_as', { name: qualified.name, code: qualified.code })}
      </Typography>
    );
  }
  return (
    <Alert severity="info" data-testid="acting-user-named" data-user-id={linkedUserId}>
      {linked.data && <div>{label('acting_as', { name: linked.data.name, code: linked.data.code })}</div>}
      {qualified ? label('only_qualified', { name: qualified.name, code: qualified.code }) : label('no_supervisor')}
    </Alert>
  );
}

/**
 * "Atualizar Contas": confirmed, it asks the API to start the update; CLIENT_INELIGIBLE,
 * MIGRATION_BLOCKED and NOTHING_TO_MIGRATE come back in the admin's language with the way out.
 */
export function UpdateAccounts({ tenantId, review, running, onShowProblems, onStarted }: UpdateAccountsProps) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.${key}`, options);
  const notify = useNotify();
  const dataProvider = useDataProvider<AdminDataProvider>();
  // A console account linked to a tenant user always acts as that user (the API enforces it too).
  const { identity } = useGetIdentity();
  const linkedUserId = (identity?.tenantUserId as string | null | undefined) ?? null;
  const [chosenUserId, setChosenUserId] = useState('');
  const actingUserId = linkedUserId ?? (chosenUserId || review?.qualified?.id || '');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const start = useMutation({
    mutationFn: () => dataProvider.startMigration(tenantId, linkedUserId ? undefined : actingUserId),
    onMutate: () => setRefusal(null),
    onSuccess: (answer) => {
      notify(label(answer.alreadyRunning ? 'already_running' : 'started'), { type: 'info' });
      onStarted(answer);
    },
    onError: (error) => setRefusal(refusalOf(error)),
  });

  return (
    <Stack spacing={2} data-testid="update-accounts">
      {refusal && (
        <Alert
          severity="error"
          data-testid="migration-refusal"
          data-code={refusal.code}
          action={
            refusal.code === 'MIGRATION_BLOCKED' ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  onShowProblems();
                  setRefusal(null);
                }}
              >
                {label('show_problems')}
              </Button>
            ) : undefined
          }
        >
          <AlertTitle>{refusal.code === 'CLIENT_INELIGIBLE' ? label('ineligible_title') : label('refused_title')}</AlertTitle>
          {refusal.message}
        </Alert>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        {linkedUserId ? (
          <ActingUserNamed linkedUserId={linkedUserId} review={review} />
        ) : (
          <ActingUserPicker tenantId={tenantId} value={actingUserId} onChange={setChosenUserId} />
        )}
        <Button
          variant="contained"
          startIcon={<SyncIcon />}
          disabled={!actingUserId || start.isPending || running}
          onClick={() => setConfirming(true)}
          sx={{ flexShrink: 0 }}
        >
          {label('update_accounts')}
        </Button>
      </Stack>
      <Confirm
        isOpen={confirming}
        title={label('confirm_title')}
        content={label('confirm_content', { smart_count: review?.counts.toMigrate ?? 0 })}
        confirm={label('update_accounts')}
        onConfirm={() => {
          setConfirming(false);
          start.mutate();
        }}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
