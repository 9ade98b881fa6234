import { AutocompleteInput, ReferenceInput } from 'react-admin';

interface UserOption {
  name: string;
  email: string | null;
}

/**
 * The tenant user a console account acts as, searched by name or e-mail among all users. Clearing
 * it sends null: the account becomes a platform account again.
 */
export function TenantUserInput() {
  return (
    <ReferenceInput source="tenantUserId" reference="users">
      <AutocompleteInput
        filterToQuery={(q: string) => ({ q })}
        optionText={(user: UserOption) => (user.email ? `${user.name} <${user.email}>` : user.name)}
        parse={(value: string) => (value === '' ? null : value)}
        helperText="resources.admins.helpers.tenantUserId"
        fullWidth
      />
    </ReferenceInput>
  );
}
