import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Alert, Button, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AdminDataProvider } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { useOfficeId } from '../shared/office';
import { StatusChip } from '../shared/StatusChip';

export function useUserLifecycle(id: string | undefined) {
  const dataProvider = useDataProvider<AdminDataProvider>();
  return useQuery({ queryKey: ['users', 'lifecycle', id], queryFn: () => dataProvider.userLifecycle(id!), enabled: Boolean(id), refetchInterval: 2_000 });
}

/**
 * The running workflow's own answer to its `state` query (not the MongoDB projection), with the
 * way into the Temporal UI for operators; an office's account reads the same state in its own
 * words, without the Temporal UI.
 */
export function LiveLifecycle() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const { officeId } = useOfficeId();
  const { data } = useUserLifecycle(record?.id);
  if (!data) return null;
  const state = data.state;
  const label = (key: string) => translate(`resources.users.lifecycle.${key}`);
  return (
    <>
      {state ? (
        <Table size="small" data-testid="live-lifecycle">
          <TableBody>
            <TableRow>
              <TableCell>{label('status')}</TableCell>
              <TableCell>
                <StatusChip status={state.status} />
              </TableCell>
            </TableRow>
            {(['nextReminderAt', 'expiresAt', 'accessAt'] as const).map((key) => (
              <TableRow key={key}>
                <TableCell>{label(key)}</TableCell>
                {/* The workflow keeps the last invitation's expiry; it only matters while the link can be used. */}
                <TableCell>{key === 'expiresAt' && state.status !== 'invited' ? '—' : formatDateTime(state[key])}</TableCell>
              </TableRow>
            ))}
            {(['invitationsSent', 'remindersSent', 'emailsSent'] as const).map((key) => (
              <TableRow key={key}>
                <TableCell>{label(key)}</TableCell>
                <TableCell>{state[key]}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{label('emailFailing')}</TableCell>
              <TableCell sx={{ color: state.emailFailing ? 'error.main' : undefined }}>
                {translate(state.emailFailing ? 'ra.boolean.true' : 'ra.boolean.false')}
                {state.lastEmailError ? ` — ${state.lastEmailError}` : ''}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      ) : (
        <Alert severity="info">{label(officeId ? 'not_running_office' : 'not_running')}</Alert>
      )}
      {!officeId && (
        <Button href={data.temporalUiUrl} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />} sx={{ mt: 1 }} data-testid="temporal-link">
          {label('open_temporal')}
        </Button>
      )}
    </>
  );
}
