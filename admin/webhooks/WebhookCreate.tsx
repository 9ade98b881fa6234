import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AutocompleteInput, Create, ReferenceInput, SimpleForm, useGetIdentity, useRedirect } from 'react-admin';
import type { WebhookEndpointRecord } from '../data-provider';
import { DescriptionInput, EventsInput, UrlInput } from './inputs';
import { NewWebhookSecretDialog } from './NewWebhookSecretDialog';

/**
 * URL, tenant (none: every tenant's events) and events, then the signing secret in a dialog,
 * once; then the endpoint's page with its delivery log. A tenant account starts on its tenant:
 * it may not make global endpoints.
 */
export function WebhookCreate() {
  const [created, setCreated] = useState<WebhookEndpointRecord | null>(null);
  const { identity, isPending } = useGetIdentity();
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
        <SimpleForm defaultValues={{ tenantId: (identity?.tenantUserId && identity.tenantId) || null, events: [] }}>
          <UrlInput />
          <DescriptionInput />
          <ReferenceInput source="tenantId" reference="tenants">
            <AutocompleteInput filterToQuery={(q: string) => ({ q })} helperText="resources.webhooks.helpers.tenantId" fullWidth />
          </ReferenceInput>
          <EventsInput />
        </SimpleForm>
      </Create>
      {created?.secret && <NewWebhookSecretDialog url={created.url} secret={created.secret} onClose={close} />}
    </>
  );
}
