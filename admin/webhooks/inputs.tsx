import { CheckboxGroupInput, TextInput, required } from 'react-admin';
import { webhookEventTypes } from '../../domain/webhook-events';
import { webhookUrlSchema } from '../../domain/webhook-endpoint';

const eventChoices = webhookEventTypes.map((type) => ({ id: type, name: type }));

/** The API's own URL rule (http(s), no credentials); https-only in production is the API's to say. */
const validateUrl = (value: unknown) => {
  if (!value) return undefined;
  const result = webhookUrlSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

export function UrlInput() {
  return <TextInput source="url" type="url" validate={[required(), validateUrl]} helperText="resources.webhooks.helpers.url" fullWidth />;
}

/** Nothing ticked: every event, also the ones added later. */
export function EventsInput() {
  return <CheckboxGroupInput source="events" choices={eventChoices} helperText="resources.webhooks.helpers.events" row />;
}

export function DescriptionInput() {
  return <TextInput source="description" helperText="resources.webhooks.helpers.description" fullWidth />;
}
