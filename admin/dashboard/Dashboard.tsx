import { Box, Grid } from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useConsoleConfig, useDashboard } from './dashboard-queries';
import { RecentEmails } from './RecentEmails';
import { StuckActivations } from './StuckActivations';
import { UsersPerStatus } from './UsersPerStatus';
import { WorkerBanner } from './WorkerBanner';

/** Users per status, who is stuck awaiting activation, the last e-mails, and whether a worker runs. */
export function Dashboard() {
  // One request feeds every card, and the stuck threshold is part of it.
  const [stuckDays, setStuckDays] = useState(3);
  const { data } = useDashboard(stuckDays);
  const config = useConsoleConfig().data;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="dashboard.title" />
      {data && <WorkerBanner worker={data.worker} taskQueue={config?.taskQueue ?? ''} />}
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={12}>
          <UsersPerStatus data={data} temporalUiUrl={config?.temporalUiUrl} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <StuckActivations stuck={data?.stuck} stuckDays={stuckDays} onStuckDaysChange={setStuckDays} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <RecentEmails emails={data?.recentEmails} />
        </Grid>
      </Grid>
    </Box>
  );
}
