import LockIcon from '@mui/icons-material/Lock';
import { Button, Card, CardActions, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { MigrationReviewPage } from '../data-provider';

/**
 * The seed's message, shown while the office's people still sign in with their legacy usernames:
 * why (access only with an e-mail account), what to do (review who uses which e-mail), and the
 * button that opens the review, "Configurar agora".
 */
export function ConfigureNowCard({ counts }: { counts: MigrationReviewPage['counts'] }) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`office.configure.${key}`, options);
  return (
    <Card data-testid="configure-now-card" sx={{ borderLeft: 4, borderColor: 'warning.main' }}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <LockIcon color="warning" sx={{ mt: 0.5 }} />
          <Stack spacing={1}>
            <Typography variant="h6">{label('title')}</Typography>
            <Typography>{label('why')}</Typography>
            <Typography>{label('what')}</Typography>
            {counts.toMigrate > 0 && (
              <Typography color="text.secondary" data-testid="configure-now-count">
                {label('count', { smart_count: counts.toMigrate })}
              </Typography>
            )}
          </Stack>
        </Stack>
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" component={Link} to="/migration">
          {label('button')}
        </Button>
      </CardActions>
    </Card>
  );
}
