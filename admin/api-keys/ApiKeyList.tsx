import { Datagrid, List, TextField, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { CreatedByField, KeyPrefixField, KeyStatusField } from './fields';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';

/** Integration keys, newest first: which system holds which, who made it, whether it is still used. */
export function ApiKeyList() {
  const translate = useTranslate();
  return (
    // "Last used" moves while systems call; a minute is its resolution (security/bearer-secret.ts).
    <List sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={{ refetchInterval: 30_000 }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" sortable={false} />
        <KeyPrefixField source="prefix" sortable={false} />
        <CreatedByField source="createdBy" sortable={false} />
        <LocalDateField source="createdAt" />
        <LocalDateField source="lastUsedAt" sortable={false} emptyText={translate('resources.api-keys.never')} />
        <KeyStatusField source="revokedAt" sortable={false} label="resources.api-keys.fields.status" />
        <RevokeApiKeyButton />
      </Datagrid>
    </List>
  );
}
