import { Chip, Stack, Tooltip } from '@mui/material';
import { FunctionField, useTranslate } from 'react-admin';
import type { WebhookDeliveryStatus } from '../../domain/webhook-events';
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../data-provider';

/** The event filter: each type as a chip, or "every event" for an empty filter. */
export function EventsField(_props: { source: 'events'; sortable?: boolean; label?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField<WebhookEndpointRecord>
      source="events"
      render={(record) =>
        record.events.length === 0 ? (
          translate('resources.webhooks.all_events')
        ) : (
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
            {record.events.map((event) => (
              <Chip key={event} size="small" variant="outlined" label={event} />
            ))}
          </Stack>
        )
      }
    />
  );
}

/** Enabled, or disabled with why (an admin, or the receiver's 410) on hover. */
export function EndpointStatusField(_props: { source: 'enabled'; sortable?: boolean; label?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField<WebhookEndpointRecord>
      source="enabled"
      render={(record) =>
        record.enabled ? (
          <Chip size="small" color="success" data-endpoint-status="enabled" label={translate('resources.webhooks.enabled')} />
        ) : (
          <Tooltip title={record.disabledReason ?? ''}>
            <Chip size="small" variant="outlined" color="error" data-endpoint-status="disabled" label={translate('resources.webhooks.disabled')} />
          </Tooltip>
        )
      }
    />
  );
}

const deliveryColors: Record<WebhookDeliveryStatus, 'warning' | 'success' | 'error'> = { pending: 'warning', delivered: 'success', failed: 'error' };

export function DeliveryStatusField(_props: { source: 'status'; sortable?: boolean; label?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField<WebhookDeliveryRecord>
      source="status"
      render={(record) => (
        <Chip
          size="small"
          color={deliveryColors[record.status]}
          data-delivery-status={record.status}
          label={translate(`resources.webhook-deliveries.statuses.${record.status}`)}
        />
      )}
    />
  );
}
