import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  EditButton,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useCanAccess,
  useResourceDefinition,
  useTranslate,
} from 'react-admin';
import type { Role } from '../../domain/user';
import { useChoices } from '../shared/choices';
import { LocalDateField } from '../shared/dates';
import { StatusField, useStatusChoices } from '../shared/StatusChip';
import { BulkDeleteUsersButton, DeleteUserButton } from './DeleteUserButton';
import { ExportUsersButton } from './ExportUsersButton';
import { BulkUserActionButton, UserActionButtons } from './lifecycle-actions';
import { ReviewWaitingNotice } from './ReviewWaitingNotice';
import { UsersPagination } from './UsersPagination';
import { useUsersExporter } from './users-exporter';

function useUserFilters() {
  const statusChoices = useStatusChoices();
  const { roles } = useChoices();
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.users.fields.q')} />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
      <AutocompleteInput filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 220 }} />
    </ReferenceInput>,
    <SelectInput key="role" source="role" choices={roles} />,
  ];
}

/** react-admin's list actions, with an export of every matching user rather than the first 1,000. */
function UserListActions() {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      <FilterButton />
      {hasCreate && <CreateButton />}
      <ExportUsersButton />
    </TopToolbar>
  );
}

function BulkActions() {
  return (
    <>
      <BulkUserActionButton action="resend" />
      <BulkUserActionButton action="deactivate" />
      <BulkUserActionButton action="reactivate" />
      <BulkDeleteUsersButton />
    </>
  );
}

/**
 * Users: search by name words or e-mail start (data/models/user-search.ts), filter by status, tenant
 * and role; the status as a colored chip; the lifecycle requests per row and in bulk; CSV export
 * of the filtered list.
 */
export function UserList() {
  const translate = useTranslate();
  // Viewers get no selection checkboxes: every bulk action writes.
  const { canAccess: canWrite } = useCanAccess({ resource: 'users', action: 'delete' });
  return (
    <>
      <ReviewWaitingNotice />
      <List
        filters={useUserFilters()}
        actions={<UserListActions />}
        exporter={useUsersExporter()}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={25}
        pagination={<UsersPagination />}
        queryOptions={{ refetchInterval: 5_000 }}
      >
        <Datagrid rowClick="show" bulkActionButtons={canWrite ? <BulkActions /> : false}>
          <TextField source="code" />
          <TextField source="name" />
          <TextField source="email" emptyText="—" />
          <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} />
          <FunctionField<{ role: Role }> source="role" sortable={false} render={(record) => translate(`roles.${record.role}`)} />
          <StatusField source="status" sortBy="status" />
          <LocalDateField source="statusChangedAt" />
          <LocalDateField source="createdAt" />
          <UserActionButtons />
          <EditButton />
          <DeleteUserButton />
        </Datagrid>
      </List>
    </>
  );
}
