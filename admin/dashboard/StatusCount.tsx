import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import type { ActivationStatus } from '../../domain/activation-status';
import { StatusChip } from '../shared/StatusChip';

const usersWithStatus = (status: string) => `/users?filter=${encodeURIComponent(JSON.stringify({ status }))}`;

/** One status's head count, opening the users list filtered to it. */
export function StatusCount({ status, count }: { status: ActivationStatus; count: number | undefined }) {
  return (
    <Card variant="outlined" data-testid={`count-${status}`} sx={{ height: '100%' }}>
      <CardActionArea component={Link} to={usersWithStatus(status)} sx={{ height: '100%', alignItems: 'flex-start', display: 'flex' }}>
        <CardContent sx={{ width: '100%' }}>
          <Typography variant="h4">{count ?? '…'}</Typography>
          <StatusChip status={status} wrap />
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
