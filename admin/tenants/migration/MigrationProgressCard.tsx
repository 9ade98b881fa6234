import { Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { MigrationProgress } from '../../../domain/migration';
import { useFormatDateTime } from '../../shared/dates';

const counters = ['started', 'invited', 'registered', 'active', 'expired', 'failed'] as const;

/** A run of "Update accounts": how many lifecycles started, and where the users are now. Polled while running. */
export function MigrationProgressCard({ run, canWrite, onCancel }: { run: MigrationProgress; canWrite: boolean; onCancel: () => void }) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.${key}`, options);
  const percent = run.total === 0 ? 100 : Math.round((run.started / run.total) * 100);
  return (
    <Box data-testid="migration-progress" data-run-status={run.status} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography variant="subtitle1">
          {label(`run_status.${run.status}`)} · {formatDateTime(run.createdAt)}
        </Typography>
        {canWrite && run.status === 'running' && (
          <Button size="small" color="warning" onClick={onCancel}>
            {label('cancel')}
          </Button>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {label('acting', { who: run.actingUserLabel })}
      </Typography>
      <LinearProgress variant="determinate" value={percent} sx={{ my: 1, height: 8, borderRadius: 1 }} />
      <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap' }}>
        <Typography variant="body2">{label('total', { smart_count: run.total })}</Typography>
        {counters.map((key) => (
          <Typography key={key} variant="body2" data-counter={key}>
            {label(`counters.${key}`)}: <strong>{run[key]}</strong>
          </Typography>
        ))}
      </Stack>
    </Box>
  );
}
