import { BooleanInput, Edit, Labeled, SaveButton, SelectInput, ShowButton, SimpleForm, TextField, TextInput, Toolbar, TopToolbar, required } from 'react-admin';
import { useChoices } from '../shared/choices';
import { ResetPasswordButton } from './ResetPasswordButton';
import { TenantUserInput } from './TenantUserInput';
import { validateAdminName } from './validation';

function AdminEditActions() {
  return (
    <TopToolbar>
      <ShowButton />
      <ResetPasswordButton />
    </TopToolbar>
  );
}

/** Role, disable/enable and the tenant-user link; the e-mail is the login and stays. No delete button: disabling keeps the audit trail's names. */
export function AdminEdit() {
  const { adminRoles } = useChoices();
  return (
    <Edit mutationMode="pessimistic" redirect="show" actions={<AdminEditActions />}>
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <Labeled>
          <TextField source="email" />
        </Labeled>
        <TextInput source="name" validate={[required(), validateAdminName]} fullWidth />
        <SelectInput source="role" choices={adminRoles} validate={required()} />
        <BooleanInput source="disabled" helperText="resources.admins.helpers.disabled" />
        <TenantUserInput />
      </SimpleForm>
    </Edit>
  );
}
