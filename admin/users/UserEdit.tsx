import { Alert } from '@mui/material';
import { Edit, ReferenceField, SelectInput, SimpleForm, TextInput, required, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { normalizeEmail } from '../../domain/email-address';
import { useChoices } from '../shared/choices';
import { validateEmail, validateName } from './validation';

function EmailChangeWarning() {
  const record = useRecordContext<{ email: string | null; status: string }>();
  const email = useWatch({ name: 'email' }) as string | undefined;
  const translate = useTranslate();
  const changed = Boolean(email) && normalizeEmail(email ?? '') !== (record?.email ?? '');
  if (!changed) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="email-change-warning">
      {translate('resources.users.email_change_warning')}
    </Alert>
  );
}

/** Editing; a new e-mail means a new invitation (the workflow kills the old link), which the form says before saving. */
export function UserEdit() {
  const { roles, locales } = useChoices();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{
        onSuccess: (data: { id: string }, variables: { data?: Record<string, unknown>; previousData?: Record<string, unknown> }) => {
          const email = variables.data?.email;
          const emailChanged = typeof email === 'string' && normalizeEmail(email) !== variables.previousData?.email;
          notify(emailChanged ? 'app.notifications.email_changed' : 'ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } });
          redirect('show', 'users', data.id);
        },
      }}
    >
      <SimpleForm>
        <ReferenceField source="tenantId" reference="tenants" link="show" />
        <TextInput source="name" validate={[required(), validateName]} fullWidth />
        <TextInput source="email" type="email" validate={[required(), validateEmail]} fullWidth />
        <EmailChangeWarning />
        <TextInput source="legacyUsername" parse={(value: string) => (value.trim() === '' ? null : value)} />
        <SelectInput source="role" choices={roles} validate={required()} />
        <SelectInput source="locale" choices={locales} validate={required()} />
      </SimpleForm>
    </Edit>
  );
}
