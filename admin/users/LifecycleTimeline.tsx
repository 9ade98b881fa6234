import { Box, Stack, Typography } from '@mui/material';
import { useGetManyReference, useRecordContext, useTranslate } from 'react-admin';
import type { ActivationStatus } from '../../domain/activation-status';
import { useAuditActionLabel, useAuditActorLabel } from '../audit/action-label';
import { useFormatDateTime } from '../shared/dates';
import { StatusChip } from '../shared/StatusChip';

interface AuditEvent {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  before: { status?: ActivationStatus } | null;
  after: { status?: ActivationStatus } | null;
}

/** Everything that happened to the user, oldest first: admin requests and the workflow's transitions (the audit trail). */
export function LifecycleTimeline() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const actionLabel = useAuditActionLabel();
  const actorLabel = useAuditActorLabel();
  const { data = [], isPending } = useGetManyReference<AuditEvent & { id: string }>(
    'audit',
    { target: 'entityId', id: record?.id ?? '', pagination: { page: 1, perPage: 200 }, sort: { field: 'at', order: 'ASC' }, filter: {} },
    { enabled: Boolean(record?.id), refetchInterval: 3_000 },
  );
  if (isPending) return null;
  if (data.length === 0) return <Typography color="text.secondary">{translate('resources.users.lifecycle.no_events')}</Typography>;
  return (
    <Stack component="ol" spacing={0} sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="lifecycle-timeline">
      {data.map((event, index) => (
        <Box component="li" key={event.id} sx={{ display: 'flex', gap: 2, pb: 1.5, position: 'relative' }}>
          <Box sx={{ width: 12, display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
            <Box sx={{ width: 10, height: 10, mt: 0.75, borderRadius: '50%', bgcolor: event.actor.type === 'system' ? 'primary.main' : 'secondary.main' }} />
            {index < data.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', mt: 0.5 }} />}
          </Box>
          <Box sx={{ flex: 1 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {actionLabel(event.action)}
              </Typography>
              {event.after?.status && event.before?.status !== event.after.status && <StatusChip status={event.after.status} />}
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(event.at)} · {actorLabel(event.actor)}
            </Typography>
          </Box>
        </Box>
      ))}
    </Stack>
  );
}
