import { Card, CardContent, CardHeader, Grid } from '@mui/material';
import {
  Datagrid,
  EditButton,
  FunctionField,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { Role } from '../../domain/user';
import { EmailStatusField, EmailTemplateField } from '../emails/fields';
import { LocalDateField } from '../shared/dates';
import { useOfficeId } from '../shared/office';
import { StatusField } from '../shared/StatusChip';
import { DeleteUserButton } from './DeleteUserButton';
import { UserActionButtons } from './lifecycle-actions';
import { LifecycleTimeline } from './LifecycleTimeline';
import { LiveLifecycle } from './LiveLifecycle';

function UserShowActions() {
  return (
    <TopToolbar>
      <UserActionButtons />
      <EditButton />
      <DeleteUserButton />
    </TopToolbar>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardHeader title={translate(title)} slotProps={{ title: { variant: 'h6' } }} sx={{ pb: 0 }} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function InvitationStateField(_props: { source: string; sortable?: boolean }) {
  const translate = useTranslate();
  return <FunctionField<RaRecord & { state: string }> source="state" render={(record) => translate(`resources.invitations.states.${record.state}`)} />;
}

/** One user: details, the live workflow state with its Temporal UI link, the lifecycle timeline, e-mails and invitation links. */
export function UserShow() {
  const translate = useTranslate();
  const { officeId } = useOfficeId();
  return (
    <Show actions={<UserShowActions />} queryOptions={{ refetchInterval: 2_000 }} sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.users.tabs.details">
            <SimpleShowLayout sx={{ p: 0, '& .RaSimpleShowLayout-stack': { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2 } }}>
              <StatusField source="status" />
              <TextField source="name" />
              <TextField source="email" emptyText="—" />
              <ReferenceField source="tenantId" reference="tenants" link="show" />
              <NumberField source="code" />
              <TextField source="legacyUsername" emptyText="—" />
              <FunctionField<{ role: Role }> source="role" render={(record) => translate(`roles.${record.role}`)} />
              <FunctionField<{ locale: string }> source="locale" render={(record) => translate(`locales.${record.locale}`)} />
              <LocalDateField source="invitedAt" />
              <LocalDateField source="invitationExpiresAt" />
              <LocalDateField source="registeredAt" />
              <LocalDateField source="accessAt" />
              <LocalDateField source="activatedAt" />
              <LocalDateField source="createdAt" />
            </SimpleShowLayout>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title={officeId ? 'resources.users.lifecycle.live_office' : 'resources.users.lifecycle.live'}>
            <LiveLifecycle />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.users.lifecycle.timeline">
            <LifecycleTimeline />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.users.tabs.emails">
            <ReferenceManyField
              reference="emails"
              target="userId"
              sort={{ field: 'createdAt', order: 'DESC' }}
              perPage={10}
              pagination={<Pagination rowsPerPageOptions={[10]} />}
              queryOptions={{ refetchInterval: 3_000 }}
            >
              <Datagrid bulkActionButtons={false} rowClick="show">
                <LocalDateField source="createdAt" />
                <EmailTemplateField source="template" sortable={false} />
                <EmailStatusField source="status" />
                <TextField source="to" />
              </Datagrid>
            </ReferenceManyField>
          </Section>
        </Grid>
        <Grid size={12}>
          <Section title="resources.users.tabs.invitations">
            <ReferenceManyField
              reference="invitations"
              target="userId"
              sort={{ field: 'createdAt', order: 'DESC' }}
              perPage={10}
              queryOptions={{ refetchInterval: 3_000 }}
            >
              <Datagrid bulkActionButtons={false} rowClick={false}>
                {/* A user has a few links, newest first; the API sorts them by creation only (an index per user). */}
                <LocalDateField source="createdAt" />
                <TextField source="email" sortable={false} />
                <InvitationStateField source="state" sortable={false} />
                <LocalDateField source="expiresAt" sortable={false} />
                <LocalDateField source="consumedAt" sortable={false} />
              </Datagrid>
            </ReferenceManyField>
          </Section>
        </Grid>
      </Grid>
    </Show>
  );
}
