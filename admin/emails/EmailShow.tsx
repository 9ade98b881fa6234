import { Box } from '@mui/material';
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
        <FunctionField<{ preview: string | null }>
          source="preview"
          render={(record) =>
            record.preview ? (
              <Box
                component="pre"
                data-testid="email-preview"
                sx={{ m: 0, p: 2, bgcolor: 'grey.100', borderRadius: 1, whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: 14, maxWidth: 720 }}
              >
                {record.preview}
              </Box>
            ) : (
              '—'
            )
          }
        />
      </SimpleShowLayout>
    </Show>
  );
}
