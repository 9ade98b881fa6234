import { Alert, Box, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { Title, useCanAccess, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { useOfficeId } from '../shared/office';
import { ImportUsersButton, TemplateLink } from '../tenants/migration/ImportUsers';
import { useMigrationRuns } from '../tenants/migration/MigrationPanel';
import { ReviewSection } from '../tenants/migration/ReviewSection';
import { UpdateAccounts } from '../tenants/migration/UpdateAccounts';
import { useMigrationReview } from '../tenants/migration/useMigrationReview';
import { OfficeWorkerNotice } from './OfficeWorkerNotice';

/**
 * The office's review, opened by "Configurar agora" (the seed's steps 2 to 5): check each new
 * login, fix one with Gravar, inactivate who should not migrate, then "Atualizar Contas" on
 * behalf of the qualified supervisor; the spreadsheet import fills it.
 */
export function ReviewPage() {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`office.review.${key}`, options);
  const navigate = useNavigate();
  const { officeId } = useOfficeId();
  const tenantId = officeId ?? '';
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'tenants', action: 'migrate' });
  const review = useMigrationReview(tenantId);
  const runs = useMigrationRuns(tenantId);
  const latest = runs.data?.[0];
  const toMigrate = review.review.data?.counts.toMigrate ?? 0;

  return (
    <Box sx={{ mt: 2 }} data-testid="office-review">
      <Title title="office.review.title" />
      <Stack spacing={2}>
        <OfficeWorkerNotice />
        {latest && (
          <Alert
            severity="info"
            data-testid="review-run-exists"
            action={
              <Button color="inherit" size="small" component={Link} to="/activation">
                {translate('office.follow_activation')}
              </Button>
            }
          >
            {label(toMigrate > 0 ? 'updated_with_more' : 'updated', { smart_count: toMigrate })}
          </Alert>
        )}
        <Card>
          <CardHeader
            title={label('title')}
            subheader={label('steps')}
            action={
              canWrite && (
                <Stack direction="row" spacing={1}>
                  <TemplateLink />
                  <ImportUsersButton tenantId={tenantId} />
                </Stack>
              )
            }
          />
          <CardContent>
            <ReviewSection state={review} canWrite={canWrite} />
          </CardContent>
        </Card>
        {canWrite && toMigrate > 0 && (
          <Card>
            <CardContent>
              <Stack spacing={1}>
                <Typography variant="h6">{translate('resources.tenants.migration.update_accounts')}</Typography>
                <Typography color="text.secondary">{label('update_help')}</Typography>
                <UpdateAccounts
                  tenantId={tenantId}
                  review={review.review.data}
                  running={Boolean(runs.data?.some((run) => run.status === 'running'))}
                  onShowProblems={() => review.setProblemsOnly(true)}
                  onStarted={({ migrationId }) => navigate(`/activation?migrationId=${encodeURIComponent(migrationId)}`)}
                />
              </Stack>
            </CardContent>
          </Card>
        )}
      </Stack>
    </Box>
  );
}
