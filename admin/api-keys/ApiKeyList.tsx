import { Datagrid, List, TextField, useTranslate } from 'react-admin';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import { LocalDateField } from '../shared/dates';
import { useOfficeId } from '../shared/office';
import { CreatedByField, KeyOfficeField, KeyPrefixField, KeyStatusField } from './fields';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';

/**
 * Integration keys, newest first: which system holds which, which office it reaches, who made it,
 * whether it is still used. An office's account sees its own office's keys only: no office column.
 */
export function ApiKeyList() {
  const exporter = useSpreadsheetExporter('api-keys');
  const translate = useTranslate();
  const { officeId, isPending } = useOfficeId();
  return (
    // "Last used" moves while systems call; a minute is its resolution (security/bearer-secret.ts).
    <List exporter={exporter} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={{ refetchInterval: 30_000 }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" sortable={false} />
        {!isPending && !officeId && <KeyOfficeField source="tenantId" sortable={false} />}
        <KeyPrefixField source="prefix" sortable={false} />
        <CreatedByField source="createdBy" sortable={false} />
        <LocalDateField source="createdAt" />
        <LocalDateField source="lastUsedAt" sortable={false} emptyText={translate('resources.api-keys.never')} />
        <LocalDateField source="expiresAt" sortable={false} emptyText={translate('resources.api-keys.never')} />
        <KeyStatusField source="revokedAt" sortable={false} label="resources.api-keys.fields.status" />
        <RevokeApiKeyButton />
      </Datagrid>
    </List>
  );
}
