import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Box,
  Button,
  Card,
  CardActionArea,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { activationStatuses } from '../../domain/activation-status';
import type { AdminDataProvider } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { StatusChip } from '../shared/StatusChip';
import { WorkerBanner } from './WorkerBanner';

const usersWithStatus = (status: string) => `/users?filter=${encodeURIComponent(JSON.stringify({ status }))}`;

/** Users per status, who is stuck awaiting activation, the last e-mails, and whether a worker runs. */
export function Dashboard() {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const [stuckDays, setStuckDays] = useState(3);
  const dashboard = useQuery({ queryKey: ['dashboard', stuckDays], queryFn: () => dataProvider.dashboard(stuckDays), refetchInterval: 3_000 });
  const config = useQuery({ queryKey: ['config'], queryFn: () => dataProvider.config(), staleTime: Infinity });
  const data = dashboard.data;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="dashboard.title" />
      {data && <WorkerBanner worker={data.worker} taskQueue={config.data?.taskQueue ?? ''} />}
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={12}>
          <Card>
            <CardHeader
              title={translate('dashboard.users_per_status')}
              subheader={data ? translate('dashboard.total', { smart_count: data.total }) : undefined}
              action={
                config.data && (
                  <Button href={config.data.temporalUiUrl} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />}>
                    {translate('dashboard.open_temporal')}
                  </Button>
                )
              }
            />
            <CardContent>
              <Grid container spacing={2}>
                {activationStatuses.map((status) => (
                  <Grid key={status} size={{ xs: 6, sm: 4, md: 2 }}>
                    <Card variant="outlined" data-testid={`count-${status}`} sx={{ height: '100%' }}>
                      <CardActionArea component={Link} to={usersWithStatus(status)} sx={{ height: '100%', alignItems: 'flex-start', display: 'flex' }}>
                        <CardContent sx={{ width: '100%' }}>
                          <Typography variant="h4">{data?.counts[status] ?? '…'}</Typography>
                          <StatusChip status={status} wrap />
                        </CardContent>
                      </CardActionArea>
                    </Card>
                  </Grid>
                ))}
              </Grid>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Card sx={{ height: '100%' }}>
            <CardHeader
              title={translate('dashboard.stuck')}
              subheader={translate('dashboard.stuck_help', { smart_count: stuckDays })}
              action={
                <TextField
                  type="number"
                  size="small"
                  label={translate('dashboard.stuck_days')}
                  value={stuckDays}
                  onChange={(event) => setStuckDays(Math.min(365, Math.max(0, Number(event.target.value) || 0)))}
                  sx={{ width: 90 }}
                />
              }
            />
            <CardContent>
              {data && data.stuck.users.length === 0 ? (
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
                    {data?.stuck.users.map((user) => (
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
              {data && data.stuck.total > data.stuck.users.length && (
                <Typography variant="caption">{translate('dashboard.stuck_more', { shown: data.stuck.users.length, total: data.stuck.total })}</Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Card sx={{ height: '100%' }}>
            <CardHeader
              title={translate('dashboard.recent_emails')}
              action={
                <Button component={Link} to="/emails">
                  {translate('resources.emails.name', { smart_count: 2 })}
                </Button>
              }
            />
            <CardContent>
              {data && data.recentEmails.length === 0 ? (
                <Typography color="text.secondary">{translate('dashboard.no_emails')}</Typography>
              ) : (
                <Table size="small">
                  <TableBody>
                    {data?.recentEmails.map((email) => (
                      <TableRow key={email.id} hover>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(email.createdAt)}</TableCell>
                        <TableCell>
                          <Link to={`/emails/${encodeURIComponent(email.id)}/show`}>{email.to}</Link>
                        </TableCell>
                        <TableCell>{translate(`resources.emails.templates.${email.template}`)}</TableCell>
                        <TableCell>
                          <Stack direction="row">
                            <Chip
                              size="small"
                              color={email.status === 'sent' ? 'success' : email.status === 'rejected' ? 'error' : 'warning'}
                              label={translate(`resources.emails.statuses.${email.status}`)}
                            />
                          </Stack>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </Box>
  );
}
