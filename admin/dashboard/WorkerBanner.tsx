import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Dashboard } from '../data-provider';

/** The seed's "the communication agent must be running": without a worker, no e-mail goes out. */
export function WorkerBanner({ worker, taskQueue }: { worker: Dashboard['worker']; taskQueue: string }) {
  const translate = useTranslate();
  if (worker.ok) {
    return (
      <Alert severity="success" variant="outlined" data-testid="worker-ok">
        {translate('dashboard.worker_ok', { smart_count: worker.workers, taskQueue })}
      </Alert>
    );
  }
  return (
    <Alert severity="error" variant="filled" data-testid="worker-down">
      <AlertTitle>{translate('dashboard.worker_down')}</AlertTitle>
      {translate('dashboard.worker_down_detail', { taskQueue })}
    </Alert>
  );
}
