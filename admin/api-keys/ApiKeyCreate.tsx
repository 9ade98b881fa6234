import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AutocompleteInput, Create, DateTimeInput, ReferenceInput, SimpleForm, TextInput, required, useRedirect } from 'react-admin';
import { newApiKeySchema } from '../../domain/api-key';
import type { ApiKeyRecord } from '../data-provider';
import { withoutEmptyFields } from '../shared/form-data';
import { useOfficeId } from '../shared/office';
import { NewApiKeyDialog } from './NewApiKeyDialog';

const validateName = (value: unknown) =>
  value && !newApiKeySchema.shape.name.safeParse(value).success ? { message: 'ra.validation.maxLength', args: { max: 100 } } : undefined;
// The input holds the browser's local time (yyyy-MM-ddThh:mm); the API takes an instant, which must be in the future.
const expiryInstant = (value: string | null) => (value ? new Date(value).toISOString() : null);
const validateExpiry = (value: unknown) =>
  typeof value === 'string' && value && Date.parse(value) <= Date.now() ? 'resources.api-keys.validation.expires_in_past' : undefined;

/**
 * A name (and, for a platform account, the office the key reaches: none is a platform key; and
 * optionally when it expires: none, never), then the key in a dialog, once. Only then to the list. An office's account makes its office's keys.
 */
export function ApiKeyCreate() {
  const [created, setCreated] = useState<ApiKeyRecord | null>(null);
  const { officeId, isPending } = useOfficeId();
  const queryClient = useQueryClient();
  const redirect = useRedirect();
  // react-admin caches the created record, key included, for its show page: that copy goes when this page does, however it is left.
  useEffect(() => () => queryClient.removeQueries({ queryKey: ['api-keys', 'getOne'] }), [queryClient]);
  const close = () => {
    setCreated(null);
    redirect('list', 'api-keys');
  };
  return (
    <>
      <Create
        redirect={false}
        mutationMode="pessimistic"
        transform={withoutEmptyFields}
        mutationOptions={{ onSuccess: (data: ApiKeyRecord) => setCreated(data) }}
      >
        <SimpleForm>
          <TextInput source="name" validate={[required(), validateName]} helperText="resources.api-keys.helpers.name" fullWidth />
          {!isPending && !officeId && (
            <ReferenceInput source="tenantId" reference="tenants">
              <AutocompleteInput filterToQuery={(q: string) => ({ q })} helperText="resources.api-keys.helpers.tenantId" fullWidth />
            </ReferenceInput>
          )}
          <DateTimeInput source="expiresAt" parse={expiryInstant} validate={validateExpiry} helperText="resources.api-keys.helpers.expiresAt" />
        </SimpleForm>
      </Create>
      {created?.key && <NewApiKeyDialog name={created.name} apiKey={created.key} onClose={close} />}
    </>
  );
}
