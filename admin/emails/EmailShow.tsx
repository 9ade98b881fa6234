import { FunctionField, NumberField, ReferenceField, Show, SimpleShowLayout, TextField, useTranslate } from 'react-admin';
import { LocalDateField } from '../shared/dates';
import { EmailStatusField, EmailTemplateField } from './fields';

/** One outgoing e-mail: who, which template and language, subject, delivery attempts and the SMTP answer. */
export function EmailShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="to" />
        <ReferenceField source="userId" reference="users" link="show" />
        <ReferenceField source="tenantId" reference="tenants" link="show" />
        <EmailTemplateField source="template" />
        <FunctionField<{ locale: string }> source="locale" render={(record) => translate(`locales.${record.locale}`, { _: record.locale })} />
        <TextField source="subject" />
        <EmailStatusField source="status" />
        <NumberField source="attempts" />
        <TextField source="error" emptyText="—" />
        <LocalDateField source="createdAt" />
        <LocalDateField source="sentAt" />
        <TextField source="messageId" />
      </SimpleShowLayout>
    </Show>
  );
}
