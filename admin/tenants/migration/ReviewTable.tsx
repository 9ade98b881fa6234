import EditIcon from '@mui/icons-material/Edit';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import UndoIcon from '@mui/icons-material/Undo';
import { Button, Chip, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { MigrationReviewRow } from '../../../domain/migration';

interface ReviewTableProps {
  rows: MigrationReviewRow[];
  canWrite: boolean;
  busy: boolean;
  /** Resolves once saved; the row stays in edit when the API refuses the e-mail (the notification says why). */
  onFixEmail: (userId: string, email: string) => Promise<void>;
  onSetExcluded: (userId: string, excluded: boolean) => void;
}

/**
 * The seed's review screen, column for column: Código, Nome, Usuário atual, Usuário novo (the
 * proposed login e-mail), Problemas ("Email duplicado"…) and Ações: the pencil opens the e-mail
 * for editing, with Gravar and Cancelar; Inativar takes a user out of the update, and "Incluir
 * novamente" undoes it.
 */
export function ReviewTable({ rows, canWrite, busy, onFixEmail, onSetExcluded }: ReviewTableProps) {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.tenants.migration.${key}`);
  const [editing, setEditing] = useState<{ id: string; draft: string } | null>(null);
  const save = (row: MigrationReviewRow, email: string) =>
    onFixEmail(row.id, email.trim()).then(
      () => setEditing(null),
      () => undefined,
    );

  return (
    <Table size="small" data-testid="migration-review">
      <TableHead>
        <TableRow>
          <TableCell>{label('columns.code')}</TableCell>
          <TableCell>{label('columns.name')}</TableCell>
          <TableCell>{label('columns.legacy_username')}</TableCell>
          <TableCell>{label('columns.new_login')}</TableCell>
          <TableCell>{label('columns.problems')}</TableCell>
          {canWrite && <TableCell>{label('columns.actions')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const formId = `fix-email-${row.id}`;
          const draft = editing?.id === row.id ? editing.draft : null;
          return (
            <TableRow key={row.id} data-code={row.code} data-status={row.status} sx={{ opacity: row.status === 'inactive' ? 0.6 : 1 }}>
              <TableCell>{row.code}</TableCell>
              <TableCell>
                {row.name}
                {row.role === 'supervisor' && <Chip size="small" variant="outlined" label={translate('roles.supervisor')} sx={{ ml: 1 }} />}
              </TableCell>
              <TableCell>{row.legacyUsername ?? '—'}</TableCell>
              <TableCell>
                {draft === null ? (
                  (row.proposedEmail ?? '—')
                ) : (
                  <form
                    id={formId}
                    onSubmit={(event) => {
                      event.preventDefault();
                      void save(row, draft);
                    }}
                  >
                    <TextField
                      size="small"
                      type="email"
                      value={draft}
                      autoFocus
                      onChange={(event) => setEditing({ id: row.id, draft: event.target.value })}
                      name={`proposedEmail-${row.code}`}
                      sx={{ minWidth: 260 }}
                      slotProps={{ htmlInput: { 'aria-label': label('columns.new_login') } }}
                    />
                  </form>
                )}
              </TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', gap: 0.5 }}>
                  {row.status === 'staged' &&
                    row.problems.map((problem) => (
                      <Chip key={problem} size="small" color="error" label={label(`email_problems.${problem}`)} data-problem={problem} />
                    ))}
                  {row.status === 'inactive' && <Chip size="small" variant="outlined" label={label('inactive_row')} data-status="inactive" />}
                </Stack>
              </TableCell>
              {canWrite && (
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {draft !== null ? (
                    <Stack direction="row" spacing={1}>
                      <Button type="submit" form={formId} size="small" variant="contained" disabled={busy || !draft.trim()}>
                        {label('save_email')}
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        {translate('ra.action.cancel')}
                      </Button>
                    </Stack>
                  ) : row.status === 'staged' ? (
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <Tooltip title={label('fix_email')}>
                        <IconButton size="small" aria-label={label('fix_email')} onClick={() => setEditing({ id: row.id, draft: row.proposedEmail ?? '' })}>
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Button size="small" startIcon={<PersonOffIcon />} disabled={busy} onClick={() => onSetExcluded(row.id, true)}>
                        {label('inactivate')}
                      </Button>
                    </Stack>
                  ) : (
                    <Button size="small" startIcon={<UndoIcon />} disabled={busy} onClick={() => onSetExcluded(row.id, false)}>
                      {label('include')}
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
