import { BooleanInput, Create, Edit, NullableBooleanInput, SelectInput, SimpleForm, TextInput, minLength, maxLength, required } from 'react-admin';
import { withoutEmptyFields } from '../shared/form-data';
import { useChoices } from '../shared/choices';

function TenantFields({ creating }: { creating: boolean }) {
  const { plans } = useChoices();
  return (
    <>
      <TextInput source="name" validate={[required(), minLength(2), maxLength(120)]} fullWidth />
      <SelectInput source="plan" choices={plans} validate={required()} />
      {creating ? (
        // Left empty, the API derives it from the plan (domain/tenant.ts planRequiresLoginLink).
        <NullableBooleanInput source="requiresLoginLink" helperText="resources.tenants.helpers.requiresLoginLink" sx={{ minWidth: 260 }} />
      ) : (
        <BooleanInput source="requiresLoginLink" />
      )}
      <BooleanInput source="selfSignup" helperText="resources.tenants.helpers.selfSignup" />
    </>
  );
}

export function TenantCreate() {
  return (
    <Create redirect="show" mutationMode="pessimistic" transform={withoutEmptyFields}>
      <SimpleForm defaultValues={{ plan: 'essential', selfSignup: false }}>
        <TenantFields creating />
      </SimpleForm>
    </Create>
  );
}

export function TenantEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TenantFields creating={false} />
      </SimpleForm>
    </Edit>
  );
}
