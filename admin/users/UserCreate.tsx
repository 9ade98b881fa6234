import {
  AutocompleteInput,
  BooleanInput,
  Create,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useLocaleState,
} from 'react-admin';
import { useChoices } from '../shared/choices';
import { withoutEmptyFields } from '../shared/form-data';
import { useOfficeId } from '../shared/office';
import { validateCode, validateEmail, validateName } from './validation';

/**
 * Name and e-mail are required; the rest is optional. "Send the invitation now" unchecked stages
 * the user (migration review). An office's own account adds users to its office: no tenant to pick.
 */
export function UserCreate() {
  const { roles, locales } = useChoices();
  const [locale] = useLocaleState();
  const { officeId, isPending } = useOfficeId();
  if (isPending) return null;
  return (
    <Create redirect="show" mutationMode="pessimistic" transform={withoutEmptyFields}>
      <SimpleForm defaultValues={{ tenantId: officeId ?? undefined, role: 'member', locale, sendInvitation: true }}>
        {!officeId && (
          <ReferenceInput source="tenantId" reference="tenants">
            <AutocompleteInput filterToQuery={(q: string) => ({ q })} validate={required()} fullWidth />
          </ReferenceInput>
        )}
        <TextInput source="name" validate={[required(), validateName]} fullWidth />
        <TextInput source="email" type="email" validate={[required(), validateEmail]} fullWidth />
        <NumberInput source="code" validate={validateCode} helperText="resources.users.helpers.code" />
        <TextInput source="legacyUsername" />
        <SelectInput source="role" choices={roles} validate={required()} />
        <SelectInput source="locale" choices={locales} validate={required()} />
        <BooleanInput source="sendInvitation" helperText="resources.users.helpers.sendInvitation" />
      </SimpleForm>
    </Create>
  );
}
