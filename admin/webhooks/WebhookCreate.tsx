import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AutocompleteInput, Create, ReferenceInput, SimpleForm, useRedirect } from 'react-admin';
import type { WebhookEndpointRecord } from '../data-provider';
import { useOfficeId } from '../shared/office';
import { DescriptionInput, EventsInput, UrlInput } from './inputs';
import { NewWebhookSecretDialog } from './NewWebhookSecretDialog';

/**
 * URL, tenant (none: every tenant's events) and events, then the signing secret in a dialog,
 * once; then the endpoint's page with its delivery log. An office's own account makes its
 * office's endpoints only (never global ones): no tenant to pick.
 */
export function WebhookCreate() {
  const [created, setCreated] = useState<WebhookEndpointRecord | null>(null);
  const { officeId, isPending } = useOfficeId();
  const queryClient = useQueryClient();
  const redirect = useRedirect();
  // react-admin caches the created record, secret included, for its show page: that copy goes when this page does.
  useEffect(() => () => queryClient.removeQueries({ queryKey: ['webhooks', 'getOne'] }), [queryClient]);
  if (isPending) return null;
  const close = () => {
    const id = created?.id;
    setCreated(null);
    redirect('show', 'webhooks', id);
  };
  return (
    <>
      <Create redirect={false} mutationMode="pessimistic" mutationOptions={{ onSuccess: (data: WebhookEndpointRecord) => setCreated(data) }}>
        <SimpleForm defaultValues={{ tenantId: officeId, events: [] }}>
          <UrlInput />
          <DescriptionInput />
          {!officeId && (
            <ReferenceInput source="tenantId" reference="tenants">
              <AutocompleteInput filterToQuery={(q: string) => ({ q })} helperText="resources.webhooks.helpers.tenantId" fullWidth />
            </ReferenceInput>
          )}
          <EventsInput />
        </SimpleForm>
      </Create>
      {created?.secret && <NewWebhookSecretDialog url={created.url} secret={created.secret} onClose={close} />}
    </>
  );
}
