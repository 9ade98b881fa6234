import { Datagrid, List, ReferenceField, TextField, useTranslate } from 'react-admin';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import { LocalDateField } from '../shared/dates';
import { EndpointStatusField, EventsField } from './fields';

/** Where events go, newest first: the URL, whose events (a tenant's or all), which events, whether it still receives. */
export function WebhookList() {
  const exporter = useSpreadsheetExporter('webhooks');
  const translate = useTranslate();
  return (
    // A receiver's 410 disables an endpoint at any moment: refresh now and then.
    <List exporter={exporter} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={{ refetchInterval: 30_000 }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="url" sortable={false} />
        <TextField source="description" sortable={false} emptyText="—" />
        <ReferenceField source="tenantId" reference="tenants" sortable={false} emptyText={translate('resources.webhooks.all_tenants')} />
        <EventsField source="events" sortable={false} />
        <EndpointStatusField source="enabled" sortable={false} label="resources.webhooks.fields.status" />
        <LocalDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
