import { Card, CardActionArea, CardContent, Grid, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ActivationTracker } from '../data-provider';

/** Where people are, in the office's words, each with the users list filtered on them. */
const steps = [
  { key: 'invited', filter: { status: 'invited' }, color: 'warning.main' },
  { key: 'registered', filter: { status: 'registered' }, color: 'info.main' },
  { key: 'linking', filter: { status: 'linking' }, color: 'info.main' },
  { key: 'active', filter: { status: 'active' }, color: 'success.main' },
  { key: 'expired', filter: { status: 'expired' }, color: 'error.main' },
  { key: 'emailFailing', filter: { emailFailing: true }, color: 'error.main' },
  { key: 'inactive', filter: { status: 'inactive' }, color: 'text.secondary' },
] as const;

const usersWhere = (tenantId: string, filter: Record<string, unknown>) => `/users?filter=${encodeURIComponent(JSON.stringify({ tenantId, ...filter }))}`;

export function PeopleCounts({ tenantId, counts }: { tenantId: string; counts: ActivationTracker['counts'] }) {
  const translate = useTranslate();
  const shown = counts.staged > 0 ? [{ key: 'staged', filter: { status: 'staged' }, color: 'text.secondary' } as const, ...steps] : steps;
  return (
    <Grid container spacing={1.5}>
      {shown.map(({ key, filter, color }) => (
        <Grid key={key} size={{ xs: 6, sm: 4, md: 3, lg: 'grow' }}>
          <Card variant="outlined" sx={{ height: '100%' }} data-testid={`people-${key}`} data-count={counts[key]}>
            <CardActionArea component={Link} to={usersWhere(tenantId, filter)} sx={{ height: '100%', display: 'flex', alignItems: 'flex-start' }}>
              <CardContent sx={{ width: '100%' }}>
                <Typography variant="h4" sx={{ color: counts[key] > 0 ? color : 'text.disabled' }}>
                  {counts[key]}
                </Typography>
                <Typography sx={{ fontWeight: 600 }}>{translate(`office.people.${key}`)}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {translate(`office.people_help.${key}`)}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
}
