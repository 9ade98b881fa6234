import { BooleanField, Datagrid, EditButton, List, SearchInput, TextField, useTranslate } from 'react-admin';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import { LocalDateField } from '../shared/dates';
import { AdminRoleField, TenantLinkField } from './fields';

/** Console accounts: who can sign in, with which role, linked to which tenant user, and when they last did. */
export function AdminList() {
  const exporter = useSpreadsheetExporter('admins');
  const translate = useTranslate();
  const filters = [<SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.admins.fields.q')} />];
  return (
    <List exporter={exporter} filters={filters} sort={{ field: 'email', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="email" />
        <TextField source="name" sortable={false} />
        <AdminRoleField source="role" sortable={false} />
        <TenantLinkField source="tenantUserId" sortable={false} />
        <BooleanField source="disabled" sortable={false} />
        <LocalDateField source="lastLoginAt" sortable={false} emptyText={translate('resources.admins.never')} />
        {/* Hidden for tenant-linked accounts, which manage no account (auth-provider canAccess). */}
        <EditButton />
      </Datagrid>
    </List>
  );
}
