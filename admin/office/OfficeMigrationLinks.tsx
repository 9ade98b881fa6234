import { Button, Card, CardContent, CardHeader, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

/** On the office's own page: its login migration lives on the review and tracker pages. */
export function OfficeMigrationLinks() {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="office-migration-links">
      <CardHeader title={translate('resources.tenants.migration.title')} slotProps={{ title: { variant: 'h6' } }} />
      <CardContent>
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" component={Link} to="/migration">
            {translate('office.menu.review')}
          </Button>
          <Button variant="outlined" component={Link} to="/activation">
            {translate('office.follow_activation')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
