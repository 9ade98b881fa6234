import { Card, CardContent, CardHeader } from '@mui/material';
import {
  BooleanField,
  Datagrid,
  EditButton,
  FunctionField,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  DeleteButton,
  useTranslate,
} from 'react-admin';
import type { Plan } from '../../domain/tenant';
import { OfficeMigrationLinks } from '../office/OfficeMigrationLinks';
import { LocalDateField } from '../shared/dates';
import { useOfficeId } from '../shared/office';
import { StatusField } from '../shared/StatusChip';
import { MigrationPanel } from './migration/MigrationPanel';
import { ScimTokensCard } from './ScimTokensCard';

export function TenantShow() {
  const translate = useTranslate();
  // An office's own account has its review and tracker pages; the platform migrates from here.
  const { officeId } = useOfficeId();
  return (
    <Show
      actions={
        <TopToolbar>
          {/* Both check canAccess: an office's own account edits its self-signup only (TenantForm) and deletes nothing. */}
          <EditButton />
          <DeleteButton mutationMode="pessimistic" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <FunctionField<{ plan: Plan }> source="plan" render={(record) => translate(`plans.${record.plan}`)} />
        <BooleanField source="requiresLoginLink" />
        <BooleanField source="selfSignup" />
        <LocalDateField source="createdAt" />
      </SimpleShowLayout>
      <CardContent>
        {officeId ? <OfficeMigrationLinks /> : <MigrationPanel />}
        <ScimTokensCard />
        <Card variant="outlined" sx={{ mt: 2 }}>
          <CardHeader title={translate('resources.tenants.users')} slotProps={{ title: { variant: 'h6' } }} />
          <ReferenceManyField
            reference="users"
            target="tenantId"
            sort={{ field: 'code', order: 'ASC' }}
            perPage={25}
            pagination={<Pagination />}
            queryOptions={{ refetchInterval: 5_000 }}
          >
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="code" />
              <TextField source="name" />
              <TextField source="email" emptyText="—" />
              <TextField source="legacyUsername" emptyText="—" sortable={false} />
              <StatusField source="status" />
            </Datagrid>
          </ReferenceManyField>
        </Card>
      </CardContent>
    </Show>
  );
}
