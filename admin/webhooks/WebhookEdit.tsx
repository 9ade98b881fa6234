import { BooleanInput, DeleteWithConfirmButton, Edit, ReferenceField, SaveButton, SimpleForm, TextField, Toolbar, useTranslate } from 'react-admin';
import { DescriptionInput, EventsInput, UrlInput } from './inputs';

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <DeleteWithConfirmButton mutationMode="pessimistic" confirmTitle="resources.webhooks.delete.title" confirmContent="resources.webhooks.delete.content" />
    </Toolbar>
  );
}

/** URL, description, events and enabled; the tenant and the secret do not change (a new endpoint does that). */
export function WebhookEdit() {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<EditToolbar />}>
        <ReferenceField source="tenantId" reference="tenants" link={false} emptyText={translate('resources.webhooks.all_tenants')} />
        <TextField source="id" />
        <UrlInput />
        <DescriptionInput />
        <EventsInput />
        <BooleanInput source="enabled" helperText="resources.webhooks.helpers.enabled" />
      </SimpleForm>
    </Edit>
  );
}
