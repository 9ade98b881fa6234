import ReplayIcon from '@mui/icons-material/Replay';
import { useMutation } from '@tanstack/react-query';
import { Button, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { AdminDataProvider, WebhookDeliveryRecord } from '../data-provider';

/** A new attempt of the delivery now, with the same webhook-id (receivers that have it drop it). */
export function ResendDeliveryButton() {
  const record = useRecordContext<WebhookDeliveryRecord>();
  const { canAccess } = useCanAccess({ resource: 'webhooks', action: 'edit', record });
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const resend = useMutation({
    mutationFn: (id: string) => dataProvider.resendWebhookDelivery(id),
    onSuccess: () => {
      notify('resources.webhook-deliveries.resend.done', { type: 'info' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error' }),
  });
  if (!record || !canAccess) return null;
  return (
    <Button label="resources.webhook-deliveries.resend.button" disabled={resend.isPending} onClick={() => resend.mutate(record.id)}>
      <ReplayIcon />
    </Button>
  );
}
