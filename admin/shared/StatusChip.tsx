import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { activationStatuses, type ActivationStatus } from '../../domain/activation-status';

/** The lifecycle's colors, the same everywhere: amber waits for the user, green works, red needs an admin. */
export const statusColors: Record<ActivationStatus, ChipProps['color']> = {
  staged: 'default',
  invited: 'warning',
  registered: 'info',
  linking: 'info',
  active: 'success',
  expired: 'error',
  inactive: 'default',
};

export function StatusChip({ status, size = 'small', wrap = false }: { status: ActivationStatus; size?: ChipProps['size']; wrap?: boolean }) {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      color={statusColors[status]}
      variant={status === 'inactive' ? 'outlined' : 'filled'}
      label={translate(`status.${status}`)}
      data-status={status}
      sx={wrap ? { height: 'auto', maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } } : undefined}
    />
  );
}

/** The record's `status` (or another field) as a chip; for lists and show pages. */
export function StatusField({ source = 'status' }: { source?: string; label?: string; sortable?: boolean; sortBy?: string }) {
  const record = useRecordContext();
  const status = record?.[source] as ActivationStatus | undefined;
  if (!status) return null;
  return <StatusChip status={status} />;
}

export const useStatusChoices = () => {
  const translate = useTranslate();
  return activationStatuses.map((status) => ({ id: status, name: translate(`status.${status}`) }));
};
