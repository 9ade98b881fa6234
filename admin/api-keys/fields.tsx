import { Box, Chip } from '@mui/material';
import { FunctionField, ReferenceField, useTranslate } from 'react-admin';
import type { ApiKeyRecord } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';

/** The key's first characters: enough to match it against the one a calling system holds. */
export function KeyPrefixField(_props: { source: 'prefix'; sortable?: boolean }) {
  return (
    <FunctionField<ApiKeyRecord>
      source="prefix"
      render={(record) => (
        <Box component="code" sx={{ fontFamily: 'monospace' }}>
          {record.prefix}…
        </Box>
      )}
    />
  );
}

export function CreatedByField(_props: { source: 'createdBy'; sortable?: boolean }) {
  const translate = useTranslate();
  return (
    <FunctionField<ApiKeyRecord>
      source="createdBy"
      render={(record) =>
        record.createdBy?.type === 'admin' ? record.createdBy.email : record.createdBy?.type === 'cli' ? translate('resources.api-keys.cli') : '—'
      }
    />
  );
}

export function KeyStatusField(_props: { source: 'revokedAt'; sortable?: boolean; label?: string }) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  return (
    <FunctionField<ApiKeyRecord>
      source="revokedAt"
      render={(record) =>
        record.revokedAt ? (
          <Chip
            size="small"
            variant="outlined"
            data-key-status="revoked"
            label={`${translate('resources.api-keys.revoked')} ${formatDateTime(record.revokedAt)}`}
          />
        ) : record.expiresAt && Date.parse(record.expiresAt) <= Date.now() ? (
          <Chip
            size="small"
            variant="outlined"
            color="warning"
            data-key-status="expired"
            label={`${translate('resources.api-keys.expired')} ${formatDateTime(record.expiresAt)}`}
          />
        ) : (
          <Chip size="small" color="success" data-key-status="active" label={translate('resources.api-keys.active')} />
        )
      }
    />
  );
}

/** The office a key is scoped to, or a platform key's reach: every office. */
export function KeyOfficeField(_props: { source: 'tenantId'; sortable?: boolean }) {
  const translate = useTranslate();
  return (
    <FunctionField<ApiKeyRecord>
      source="tenantId"
      render={(record) =>
        record.tenantId ? (
          <ReferenceField source="tenantId" reference="tenants" link="show" />
        ) : (
          <Chip size="small" variant="outlined" color="warning" data-key-scope="platform" label={translate('resources.api-keys.platform_key')} />
        )
      }
    />
  );
}
