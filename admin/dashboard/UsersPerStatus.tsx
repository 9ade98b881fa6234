import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Button, Grid } from '@mui/material';
import { useTranslate } from 'react-admin';
import { activationStatuses } from '../../domain/activation-status';
import type { Dashboard } from '../data-provider';
import { DashboardCard } from './DashboardCard';
import { StatusCount } from './StatusCount';

/** Every status, even an empty one, so the same tile is always in the same place. */
export function UsersPerStatus({ data, temporalUiUrl }: { data: Dashboard | undefined; temporalUiUrl: string | undefined }) {
  const translate = useTranslate();
  return (
    <DashboardCard
      title={translate('dashboard.users_per_status')}
      subheader={data ? translate('dashboard.total', { smart_count: data.total }) : undefined}
      action={
        temporalUiUrl !== undefined && (
          <Button href={temporalUiUrl} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />}>
            {translate('dashboard.open_temporal')}
          </Button>
        )
      }
    >
      <Grid container spacing={2}>
        {activationStatuses.map((status) => (
          <Grid key={status} size={{ xs: 6, sm: 4, md: 2 }}>
            <StatusCount status={status} count={data?.counts[status]} />
          </Grid>
        ))}
      </Grid>
    </DashboardCard>
  );
}
