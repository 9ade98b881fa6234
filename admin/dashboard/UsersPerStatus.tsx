import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Button, Grid } from '@mui/material';
import { useTranslate } from 'react-admin';
import { activationStatuses } from '../../domain/activation-status';
import type { Dashboard } from '../data-provider';
import { DashboardCard } from './DashboardCard';
import { StatusCount } from './StatusCount';

/** The total; for a large scope, counted by a snapshot (data/user-counts.ts), with its age. */
const countsLabel = (translate: ReturnType<typeof useTranslate>, data: Dashboard) => {
  const total = translate('dashboard.total', { smart_count: data.total });
  if (!data.countedAt) return total;
  return translate('dashboard.counted_ago', { total, smart_count: Math.max(0, Math.round((Date.now() - Date.parse(data.countedAt)) / 1_000)) });
};

/** Every status, even an empty one, so the same tile is always in the same place. */
export function UsersPerStatus({ data, temporalUiUrl }: { data: Dashboard | undefined; temporalUiUrl: string | undefined }) {
  const translate = useTranslate();
  return (
    <DashboardCard
      title={translate('dashboard.users_per_status')}
      subheader={data ? countsLabel(translate, data) : undefined}
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
