import { Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { useOfficeId } from '../shared/office';
import { CreatedByField, KeyOfficeField, KeyPrefixField, KeyStatusField } from './fields';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';

export function ApiKeyShow() {
  const translate = useTranslate();
  const { officeId, isPending } = useOfficeId();
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
        {!isPending && !officeId && <KeyOfficeField source="tenantId" />}
        <KeyPrefixField source="prefix" />
        <KeyStatusField source="revokedAt" label="resources.api-keys.fields.status" />
        <CreatedByField source="createdBy" />
        <LocalDateField source="createdAt" />
        <LocalDateField source="lastUsedAt" emptyText={translate('resources.api-keys.never')} />
        <LocalDateField source="expiresAt" emptyText={translate('resources.api-keys.never')} />
      </SimpleShowLayout>
    </Show>
  );
}
