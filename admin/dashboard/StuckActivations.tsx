import { Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { Dashboard } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { DashboardCard } from './DashboardCard';

// The API refuses a threshold outside 0–365 days (api/admin/routes.ts), so the field never asks for one.
const clampDays = (value: string) => Math.min(365, Math.max(0, Number(value) || 0));

/** Who was invited more than the chosen days ago and has not activated: the people to chase. */
export function StuckActivations({
  stuck,
  stuckDays,
  onStuckDaysChange,
}: {
  stuck: Dashboard['stuck'] | undefined;
  stuckDays: number;
  onStuckDaysChange: (days: number) => void;
}) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  return (
    <DashboardCard
      sx={{ height: '100%' }}
      title={translate('dashboard.stuck')}
      subheader={translate('dashboard.stuck_help', { smart_count: stuckDays })}
      action={
        <TextField
          type="number"
          size="small"
          label={translate('dashboard.stuck_days')}
          value={stuckDays}
          onChange={(event) => onStuckDaysChange(clampDays(event.target.value))}
          sx={{ width: 90 }}
        />
      }
    >
      {stuck && stuck.users.length === 0 ? (
        <Typography color="text.secondary">{translate('dashboard.stuck_none')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.users.fields.name')}</TableCell>
              <TableCell>{translate('resources.users.fields.invitedAt')}</TableCell>
              <TableCell align="right">{translate('resources.users.fields.remindersSent')}</TableCell>
              <TableCell>{translate('resources.users.fields.lastEmailError')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stuck?.users.map((user) => (
              <TableRow key={user.id} hover>
                <TableCell>
                  <Link to={`/users/${user.id}/show`}>{user.name}</Link>
                  <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                    {user.email}
                  </Typography>
                </TableCell>
                <TableCell>{formatDateTime(user.invitedAt)}</TableCell>
                <TableCell align="right">{user.remindersSent}</TableCell>
                <TableCell sx={{ color: user.emailFailing ? 'error.main' : undefined }}>{user.lastEmailError ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {stuck && stuck.total > stuck.users.length && (
        <Typography variant="caption">
          {translate(stuck.more ? 'dashboard.stuck_more_than' : 'dashboard.stuck_more', { shown: stuck.users.length, total: stuck.total.toLocaleString() })}
        </Typography>
      )}
    </DashboardCard>
  );
}
