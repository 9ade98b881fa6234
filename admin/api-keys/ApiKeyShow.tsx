import { Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { CreatedByField, KeyPrefixField, KeyStatusField } from './fields';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';

export function ApiKeyShow() {
  const translate = useTranslate();
  return (
    <Show
      actions={
        <TopToolbar>
          <RevokeApiKeyButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <KeyPrefixField source="prefix" />
        <KeyStatusField source="revokedAt" label="resources.api-keys.fields.status" />
        <CreatedByField source="createdBy" />
        <LocalDateField source="createdAt" />
        <LocalDateField source="lastUsedAt" emptyText={translate('resources.api-keys.never')} />
      </SimpleShowLayout>
    </Show>
  );
}
