import { Box, LinearProgress, Stack } from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useOfficeId } from '../shared/office';
import { useMigrationRuns } from '../tenants/migration/MigrationPanel';
import { ActivationTracker } from './ActivationTracker';
import { ConfigureNowCard } from './ConfigureNowCard';
import { useReviewCounts } from './office-queries';
import { OfficeWorkerNotice } from './OfficeWorkerNotice';

/**
 * An office account's home: before its first "Atualizar Contas", the seed's "Configurar agora"
 * message; after it, the activation tracker, with the message again above it while users are
 * still left on their legacy logins.
 */
export function OfficeHome() {
  const { officeId } = useOfficeId();
  const review = useReviewCounts(officeId);
  const runs = useMigrationRuns(officeId ?? '');
  const [migrationId, setMigrationId] = useState<string | undefined>(undefined);
  const updated = (runs.data?.length ?? 0) > 0;
  const counts = review.data?.counts;
  return (
    <Box sx={{ mt: 2 }} data-testid="office-home">
      <Title title="office.home.title" />
      <Stack spacing={2}>
        <OfficeWorkerNotice />
        {(!counts || !runs.data) && <LinearProgress />}
        {counts && runs.data && (!updated || counts.toMigrate > 0) && <ConfigureNowCard counts={counts} />}
        {officeId && updated && <ActivationTracker tenantId={officeId} migrationId={migrationId} onMigrationChange={setMigrationId} />}
      </Stack>
    </Box>
  );
}
