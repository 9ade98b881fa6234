import { Datagrid, FunctionField, NumberField, Pagination, ReferenceManyField, TextField, useTranslate } from 'react-admin';
import type { WebhookDeliveryRecord } from '../data-provider';
import { LocalDateField } from '../shared/dates';
import { DeliveryStatusField } from './fields';
import { ResendDeliveryButton } from './ResendDeliveryButton';

/**
 * The endpoint's deliveries, newest first: what was sent, how it went, when the next attempt is
 * due. Polled, so retries and outcomes show up without reloading.
 */
export function DeliveryLog() {
  const translate = useTranslate();
  return (
    <ReferenceManyField
      reference="webhook-deliveries"
      target="endpointId"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      pagination={<Pagination />}
      queryOptions={{ refetchInterval: 5_000 }}
      empty={<>{translate('resources.webhook-deliveries.empty')}</>}
    >
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="delivery-log">
        <LocalDateField source="createdAt" sortable={false} />
        <TextField source="eventType" sortable={false} />
        <DeliveryStatusField source="status" sortable={false} />
        <NumberField source="attempts" sortable={false} />
        <FunctionField<WebhookDeliveryRecord> source="lastStatusCode" sortable={false} render={(record) => record.lastStatusCode ?? '—'} />
        <LocalDateField source="nextAttemptAt" sortable={false} />
        <TextField source="lastError" sortable={false} emptyText="—" sx={{ wordBreak: 'break-word' }} />
        <TextField source="id" sortable={false} sx={{ fontFamily: 'monospace' }} />
        <ResendDeliveryButton />
      </Datagrid>
    </ReferenceManyField>
  );
}
