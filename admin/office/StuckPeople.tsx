import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TextField, Typography } from '@mui/material';
import { useCanAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { stuckReasons } from '../../domain/activation';
import type { ActivationTracker, StuckPerson, StuckReason } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { ConfirmLinkFix, CopyLinkFix, FixEmailFix, ResendFix } from './stuck-fixes';

export const STUCK_PAGE_SIZES = [10, 25, 50];

/** The one-click fixes that apply to why a person is stuck. */
function Fixes({ person }: { person: StuckPerson }) {
  switch (person.reason) {
    case 'emailFailing':
      return (
        <>
          <FixEmailFix person={person} />
          {person.status === 'invited' && <CopyLinkFix person={person} />}
        </>
      );
    case 'expired':
      return <ResendFix person={person} />;
    case 'invitedLongAgo':
      return (
        <>
          <ResendFix person={person} />
          <CopyLinkFix person={person} />
        </>
      );
    case 'linking':
      return <ConfirmLinkFix person={person} />;
  }
}

function Reason({ person, days }: { person: StuckPerson; days: number }) {
  const translate = useTranslate();
  const key = person.reason === 'linking' && person.loginLinkAwaitedFrom === 'mainSystem' ? 'linking_main_system' : person.reason;
  return (
    <>
      {translate(`office.reasons.${key}`, { smart_count: days })}
      {person.reason === 'emailFailing' && person.lastEmailError && (
        <Typography variant="caption" color="error" sx={{ display: 'block' }}>
          {person.lastEmailError}
        </Typography>
      )}
    </>
  );
}

interface StuckPeopleProps {
  stuck: ActivationTracker['stuck'];
  reason: StuckReason | undefined;
  onReason: (reason: StuckReason | undefined) => void;
  onDays: (days: number) => void;
  page: number;
  perPage: number;
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
}

/** Who is stuck, longest first, with why in the office's words and the fix for that reason in one click. */
export function StuckPeople({ stuck, reason, onReason, onDays, page, perPage, onPage, onPerPage }: StuckPeopleProps) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'users', action: 'edit' });
  const label = (key: string, options?: Record<string, unknown>) => translate(`office.tracker.${key}`, options);
  return (
    <Stack spacing={1.5}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' }, flexWrap: 'wrap', gap: 1 }}>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
          <Chip label={label('all_reasons')} color={reason ? 'default' : 'primary'} onClick={() => onReason(undefined)} />
          {stuckReasons.map((each) => (
            <Chip
              key={each}
              label={translate(`office.reason_filters.${each}`)}
              color={reason === each ? 'primary' : 'default'}
              onClick={() => onReason(each)}
              data-reason-filter={each}
            />
          ))}
        </Stack>
        <TextField
          type="number"
          size="small"
          label={label('stuck_days')}
          value={stuck.days}
          onChange={(event) => onDays(Math.min(365, Math.max(0, Number(event.target.value) || 0)))}
          sx={{ width: 200 }}
        />
      </Stack>
      {stuck.total === 0 ? (
        <Typography color="text.secondary" data-testid="stuck-none">
          {label('nobody_stuck')}
        </Typography>
      ) : (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="stuck-people">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.tenants.migration.columns.code')}</TableCell>
                  <TableCell>{translate('resources.users.fields.name')}</TableCell>
                  <TableCell>{translate('resources.users.fields.email')}</TableCell>
                  <TableCell>{label('reason')}</TableCell>
                  <TableCell>{label('since')}</TableCell>
                  {canWrite && <TableCell>{translate('resources.tenants.migration.columns.actions')}</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {stuck.people.map((person) => (
                  <TableRow key={person.id} data-code={person.code} data-reason={person.reason} data-status={person.status}>
                    <TableCell>{person.code}</TableCell>
                    <TableCell>
                      <Link to={`/users/${person.id}/show`}>{person.name}</Link>
                    </TableCell>
                    <TableCell>{person.email ?? '—'}</TableCell>
                    <TableCell sx={{ minWidth: 220 }}>
                      <Reason person={person} days={stuck.days} />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(person.since)}</TableCell>
                    {canWrite && (
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Stack direction="row" spacing={1}>
                          <Fixes person={person} />
                        </Stack>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          <TablePagination
            component="div"
            count={stuck.total}
            page={page}
            rowsPerPage={perPage}
            rowsPerPageOptions={STUCK_PAGE_SIZES}
            onPageChange={(_event, next) => onPage(next)}
            onRowsPerPageChange={(event) => onPerPage(Number(event.target.value))}
            labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
            labelDisplayedRows={({ from, to, count }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })}
          />
        </>
      )}
    </Stack>
  );
}
