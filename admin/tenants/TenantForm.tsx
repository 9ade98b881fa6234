import { Alert, Typography } from '@mui/material';
import {
  BooleanInput,
  Create,
  Edit,
  NullableBooleanInput,
  SelectInput,
  SimpleForm,
  TextInput,
  minLength,
  maxLength,
  required,
  useTranslate,
} from 'react-admin';
import { withoutEmptyFields } from '../shared/form-data';
import { useChoices } from '../shared/choices';
import { useOfficeId } from '../shared/office';

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
      <TextInput source="signInUrl" type="url" helperText="resources.tenants.helpers.signInUrl" parse={(value: string) => value || null} fullWidth />
      <BrandingFields />
    </>
  );
}

/** The office's look in e-mails and on the registration page (domain/branding.ts): the office sets it, the platform too. */
function BrandingFields() {
  const translate = useTranslate();
  const blankIsDefault = (value: string) => value || null;
  return (
    <>
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate('resources.tenants.branding_title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('resources.tenants.branding_help')}
      </Typography>
      <TextInput source="branding.senderName" parse={blankIsDefault} fullWidth />
      <TextInput source="branding.replyTo" type="email" parse={blankIsDefault} fullWidth />
      <TextInput source="branding.logoUrl" type="url" parse={blankIsDefault} fullWidth />
      <TextInput source="branding.accentColor" placeholder="#1565c0" parse={blankIsDefault} sx={{ minWidth: 160 }} />
      <TextInput source="branding.supportContact" parse={blankIsDefault} fullWidth />
    </>
  );
}

/** An office's own account changes its self-signup only: the rest is the vendor's contract with it (the API refuses it). */
function OfficeFields() {
  const translate = useTranslate();
  const { plans } = useChoices();
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }} data-testid="office-settings-note">
        {translate('resources.tenants.helpers.office_settings')}
      </Alert>
      <TextInput source="name" readOnly fullWidth />
      <SelectInput source="plan" choices={plans} readOnly />
      <BooleanInput source="requiresLoginLink" readOnly />
      <BooleanInput source="selfSignup" helperText="resources.tenants.helpers.selfSignup_office" />
      <BrandingFields />
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
  const { officeId, isPending } = useOfficeId();
  if (isPending) return null;
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      // Only what the office may change goes out, whatever the rest of the record says by then.
      transform={officeId ? (data: { selfSignup?: boolean; branding?: unknown }) => ({ selfSignup: data.selfSignup, branding: data.branding }) : undefined}
    >
      <SimpleForm>{officeId ? <OfficeFields /> : <TenantFields creating={false} />}</SimpleForm>
    </Edit>
  );
}
