import { Box, Stack } from '@mui/material';
import { Title } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { useOfficeId } from '../shared/office';
import { ActivationTracker } from './ActivationTracker';
import { OfficeWorkerNotice } from './OfficeWorkerNotice';

/** The activation tracker on its own page; the run shown is in the address, so it can be shared and reloaded. */
export function ActivationPage() {
  const { officeId } = useOfficeId();
  const [params, setParams] = useSearchParams();
  const migrationId = params.get('migrationId') ?? undefined;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="office.tracker.title" />
      <Stack spacing={2}>
        <OfficeWorkerNotice />
        {officeId && (
          <ActivationTracker
            tenantId={officeId}
            migrationId={migrationId}
            onMigrationChange={(next) => setParams(next ? { migrationId: next } : {}, { replace: true })}
          />
        )}
      </Stack>
    </Box>
  );
}
