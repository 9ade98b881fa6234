import { Create, PasswordInput, SelectInput, SimpleForm, TextInput, required, useTranslate } from 'react-admin';
import { PASSWORD_MIN_LENGTH } from '../../domain/password';
import { useChoices } from '../shared/choices';
import { withoutEmptyFields } from '../shared/form-data';
import { validateEmail } from '../users/validation';
import { TenantUserInput } from './TenantUserInput';
import { validateAdminName, validatePassword, validatePasswordConfirmation } from './validation';

/** The confirmation only guards against a typo here; the API takes the password once. */
const toNewAccount = ({ passwordConfirmation: _confirmation, ...account }: Record<string, unknown>) => withoutEmptyFields(account);

/** A new console account: the least role by default, a password typed twice, optionally linked to a tenant user. */
export function AdminCreate() {
  const { adminRoles } = useChoices();
  const translate = useTranslate();
  return (
    <Create redirect="show" mutationMode="pessimistic" transform={toNewAccount}>
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <TextInput source="email" type="email" validate={[required(), validateEmail]} fullWidth />
        <TextInput source="name" validate={[required(), validateAdminName]} fullWidth />
        <SelectInput source="role" choices={adminRoles} validate={required()} />
        <PasswordInput
          source="password"
          autoComplete="new-password"
          validate={[required(), validatePassword]}
          helperText={translate('resources.admins.helpers.password', { min: PASSWORD_MIN_LENGTH })}
        />
        <PasswordInput source="passwordConfirmation" autoComplete="new-password" validate={[required(), validatePasswordConfirmation]} />
        <TenantUserInput />
      </SimpleForm>
    </Create>
  );
}
