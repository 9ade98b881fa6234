import { Box, Typography } from '@mui/material';
import { useSpreadsheetExporter } from '../shared/spreadsheet-exporter';
import { Datagrid, FunctionField, List, SelectInput, TextInput, useRecordContext, useResourceDefinitions, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { LocalDateField } from '../shared/dates';
import { useAuditActionLabel, useAuditActorLabel } from './action-label';

interface AuditEvent {
  id: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const actorTypes = ['admin', 'integration', 'system', 'user'] as const;
const linkable: Record<string, string> = { user: 'users', tenant: 'tenants', admin: 'admins', apiKey: 'api-keys' };

function Changes() {
  const record = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
      {(['before', 'after'] as const).map((side) => (
        <Box key={side}>
          <Typography variant="caption" color="text.secondary">
            {translate(`resources.audit.fields.${side}`)}
          </Typography>
          <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {record[side] === null ? '—' : JSON.stringify(record[side], null, 2)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** Who did what to which entity, newest first; expand a row for the before/after. */
export function AuditList() {
  const exporter = useSpreadsheetExporter('audit');
  const translate = useTranslate();
  const actionLabel = useAuditActionLabel();
  const actorLabel = useAuditActorLabel();
  const resources = useResourceDefinitions();
  const filters = [
    <TextInput key="entityId" source="entityId" alwaysOn />,
    <TextInput key="action" source="action" alwaysOn />,
    <SelectInput
      key="actorType"
      source="actorType"
      alwaysOn
      choices={actorTypes.map((id) => ({ id, name: translate(`resources.audit.actor_types.${id}`) }))}
    />,
    <SelectInput key="entityType" source="entityType" choices={['user', 'tenant', 'admin', 'apiKey'].map((id) => ({ id, name: id }))} />,
  ];
  return (
    <List exporter={exporter} filters={filters} sort={{ field: 'at', order: 'DESC' }} perPage={50} queryOptions={{ refetchInterval: 5_000 }}>
      <Datagrid expand={<Changes />} bulkActionButtons={false} rowClick="expand">
        <LocalDateField source="at" />
        <FunctionField<AuditEvent> source="actor" sortable={false} render={(record) => actorLabel(record.actor)} />
        <FunctionField<AuditEvent> source="action" sortable={false} render={(record) => actionLabel(record.action)} />
        <FunctionField<AuditEvent>
          source="entityId"
          sortable={false}
          render={(record) => {
            const resource = linkable[record.entityType];
            const text = `${record.entityType} ${record.entityId}`;
            // Accounts and keys are not registered for viewers (App.tsx): they read the id, unlinked. A deleted entity has no page.
            return resource && resources[resource] && !record.action.endsWith('.deleted') ? (
              <Link to={`/${resource}/${record.entityId}/show`} onClick={(event) => event.stopPropagation()}>
                {text}
              </Link>
            ) : (
              text
            );
          }}
        />
      </Datagrid>
    </List>
  );
}
