import { Stack } from '@mui/material';
import { FunctionField, ReferenceField, useTranslate } from 'react-admin';
import type { AdminAccount } from '../data-provider';

export function AdminRoleField(_props: { source: 'role'; sortable?: boolean }) {
  const translate = useTranslate();
  return <FunctionField<AdminAccount> source="role" render={(record) => translate(`admin_roles.${record.role}`)} />;
}

/** The tenant user (and tenant) a linked account acts as, or "Platform" for an account linked to none. */
export function TenantLinkField(_props: { source: 'tenantUserId'; sortable?: boolean }) {
  const translate = useTranslate();
  return (
    <FunctionField<AdminAccount>
      source="tenantUserId"
      render={(record) =>
        record.tenantUserId ? (
          <Stack>
            <ReferenceField source="tenantUserId" reference="users" link="show" />
            <ReferenceField source="tenantId" reference="tenants" link="show" />
          </Stack>
        ) : (
          translate('resources.admins.platform')
        )
      }
    />
  );
}
