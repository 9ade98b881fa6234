import { BooleanField, EditButton, Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { AdminRoleField, TenantLinkField } from './fields';
import { ResetPasswordButton } from './ResetPasswordButton';

function AdminShowActions() {
  return (
    <TopToolbar>
      <ResetPasswordButton />
      <EditButton />
    </TopToolbar>
  );
}

export function AdminShow() {
  const translate = useTranslate();
  return (
    <Show actions={<AdminShowActions />}>
      <SimpleShowLayout>
        <TextField source="email" />
        <TextField source="name" />
        <AdminRoleField source="role" />
        <TenantLinkField source="tenantUserId" />
        <BooleanField source="disabled" />
        <LocalDateField source="lastLoginAt" emptyText={translate('resources.admins.never')} />
        <LocalDateField source="createdAt" />
        <LocalDateField source="updatedAt" />
      </SimpleShowLayout>
    </Show>
  );
}
