import { Card, CardContent, CardHeader, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

/** The frame the dashboard's cards share, so their headers line up. */
export function DashboardCard({
  title,
  subheader,
  action,
  sx,
  children,
}: {
  title: string;
  subheader?: string;
  action?: ReactNode;
  sx?: SxProps<Theme>;
  children: ReactNode;
}) {
  return (
    <Card sx={sx}>
      <CardHeader title={title} subheader={subheader} action={action} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}
