import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { EmailRecord } from '../data-provider';

const statusColors = { sending: 'warning', sent: 'success', rejected: 'error' } as const;

export function EmailStatusField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<EmailRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={statusColors[record.status]} label={translate(`resources.emails.statuses.${record.status}`)} />;
}

export function EmailTemplateField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<EmailRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`resources.emails.templates.${record.template}`)}
    </Typography>
  );
}
