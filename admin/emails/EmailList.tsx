import { Datagrid, List, ReferenceField, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import { emailStatuses as statuses, emailTemplates as templates } from '../../domain/email';
import { LocalDateField } from '../shared/dates';
import { EmailStatusField, EmailTemplateField } from './fields';

/** Every e-mail the workflows sent or tried to send, newest first. */
export function EmailList() {
  const exporter = useSpreadsheetExporter('emails');
  const translate = useTranslate();
  const filters = [
    <TextInput key="to" source="to" alwaysOn />,
    <SelectInput key="status" source="status" alwaysOn choices={statuses.map((id) => ({ id, name: translate(`resources.emails.statuses.${id}`) }))} />,
    <SelectInput key="template" source="template" alwaysOn choices={templates.map((id) => ({ id, name: translate(`resources.emails.templates.${id}`) }))} />,
  ];
  return (
    <List exporter={exporter} filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={{ refetchInterval: 5_000 }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <LocalDateField source="createdAt" />
        <TextField source="to" />
        <ReferenceField source="userId" reference="users" link="show" sortable={false} />
        <EmailTemplateField source="template" sortable={false} />
        <TextField source="subject" sortable={false} />
        <EmailStatusField source="status" />
        <LocalDateField source="sentAt" />
        <TextField source="error" emptyText="" sortable={false} sx={{ color: 'error.main' }} />
      </Datagrid>
    </List>
  );
}
