import { Button, Chip, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { Dashboard } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { DashboardCard } from './DashboardCard';

type EmailStatus = Dashboard['recentEmails'][number]['status'];

// Anything neither sent nor rejected is still on its way: a warning, not yet an error.
const statusColor = (status: EmailStatus) => (status === 'sent' ? 'success' : status === 'rejected' ? 'error' : 'warning');

/** The last e-mails out, to see at a glance that invitations and reminders leave. */
export function RecentEmails({ emails }: { emails: Dashboard['recentEmails'] | undefined }) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  return (
    <DashboardCard
      sx={{ height: '100%' }}
      title={translate('dashboard.recent_emails')}
      action={
        <Button component={Link} to="/emails">
          {translate('resources.emails.name', { smart_count: 2 })}
        </Button>
      }
    >
      {emails && emails.length === 0 ? (
        <Typography color="text.secondary">{translate('dashboard.no_emails')}</Typography>
      ) : (
        <Table size="small">
          <TableBody>
            {emails?.map((email) => (
              <TableRow key={email.id} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(email.createdAt)}</TableCell>
                <TableCell>
                  <Link to={`/emails/${encodeURIComponent(email.id)}/show`}>{email.to}</Link>
                </TableCell>
                <TableCell>{translate(`resources.emails.templates.${email.template}`)}</TableCell>
                <TableCell>
                  <Stack direction="row">
                    <Chip size="small" color={statusColor(email.status)} label={translate(`resources.emails.statuses.${email.status}`)} />
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </DashboardCard>
  );
}
