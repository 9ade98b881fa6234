import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useCommunicationAgent } from './office-queries';

/**
 * The seed's "o agente de comunicação esteja iniciado", in the office's words: nothing about
 * processes or queues (the platform's WorkerBanner says those to operators), only that invitations
 * wait and none is lost.
 */
export function OfficeWorkerNotice() {
  const translate = useTranslate();
  const { data } = useCommunicationAgent();
  if (!data || data.worker.ok) return null;
  return (
    <Alert severity="warning" variant="filled" data-testid="agent-stopped">
      <AlertTitle>{translate('office.agent_stopped')}</AlertTitle>
      {translate('office.agent_stopped_detail')}
    </Alert>
  );
}
