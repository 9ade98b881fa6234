import { Typography } from '@mui/material';
import { DeleteWithConfirmButton, EditButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { DeliveryLog } from './DeliveryLog';
import { EndpointStatusField, EventsField } from './fields';

function ShowActions() {
  return (
    <TopToolbar>
      <EditButton />
      <DeleteWithConfirmButton mutationMode="pessimistic" confirmTitle="resources.webhooks.delete.title" confirmContent="resources.webhooks.delete.content" />
    </TopToolbar>
  );
}

export function WebhookShow() {
  const translate = useTranslate();
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="url" />
        <TextField source="description" emptyText="—" />
        <ReferenceField source="tenantId" reference="tenants" link="show" emptyText={translate('resources.webhooks.all_tenants')} />
        <EventsField source="events" />
        <EndpointStatusField source="enabled" label="resources.webhooks.fields.status" />
        <TextField source="disabledReason" emptyText="—" />
        <TextField source="createdBy" emptyText="—" />
        <LocalDateField source="createdAt" />
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('resources.webhook-deliveries.name', { smart_count: 2 })}
        </Typography>
        <DeliveryLog />
      </SimpleShowLayout>
    </Show>
  );
}
