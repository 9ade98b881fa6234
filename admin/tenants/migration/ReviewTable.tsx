import CheckIcon from '@mui/icons-material/Check';
import EditIcon from '@mui/icons-material/Edit';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import UndoIcon from '@mui/icons-material/Undo';
import { Button, Chip, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { MigrationReviewRow } from '../../../domain/migration';
import { StatusChip } from '../../shared/StatusChip';

interface ReviewTableProps {
  rows: MigrationReviewRow[];
  canWrite: boolean;
  busy: boolean;
  onFixEmail: (userId: string, email: string) => void;
  onSetExcluded: (userId: string, excluded: boolean) => void;
}

function EmailCell({ row, canWrite, busy, onFixEmail }: { row: MigrationReviewRow } & Pick<ReviewTableProps, 'canWrite' | 'busy' | 'onFixEmail'>) {
  const translate = useTranslate();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <Stack direction="row" spacing={1} component="form" onSubmit={(event) => (event.preventDefault(), onFixEmail(row.id, draft), setDraft(null))}>
        <TextField
          size="small"
          value={draft}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          name={`proposedEmail-${row.code}`}
          sx={{ minWidth: 260 }}
        />
        <IconButton type="submit" size="small" aria-label={translate('ra.action.save')} disabled={busy || !draft.trim()}>
          <CheckIcon />
        </IconButton>
      </Stack>
    );
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <span>{row.proposedEmail ?? '—'}</span>
      {canWrite && row.status === 'staged' && (
        <Tooltip title={translate('resources.tenants.migration.fix_email')}>
          <IconButton size="small" aria-label={translate('resources.tenants.migration.fix_email')} onClick={() => setDraft(row.proposedEmail ?? '')}>
            <EditIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}

/** The seed's review screen: legacy username, proposed login e-mail ("Usuário Novo") and its problems, per user code. */
export function ReviewTable({ rows, canWrite, busy, onFixEmail, onSetExcluded }: ReviewTableProps) {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.tenants.migration.${key}`);
  return (
    <Table size="small" data-testid="migration-review">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.users.fields.code')}</TableCell>
          <TableCell>{translate('resources.users.fields.name')}</TableCell>
          <TableCell>{translate('resources.users.fields.legacyUsername')}</TableCell>
          <TableCell>{label('proposed_email')}</TableCell>
          <TableCell>{label('problems')}</TableCell>
          <TableCell>{translate('resources.users.fields.status')}</TableCell>
          {canWrite && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-code={row.code} sx={{ opacity: row.status === 'inactive' ? 0.6 : 1 }}>
            <TableCell>{row.code}</TableCell>
            <TableCell>
              {row.name}
              {row.role === 'supervisor' && <Chip size="small" variant="outlined" label={translate('roles.supervisor')} sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{row.legacyUsername ?? '—'}</TableCell>
            <TableCell>
              <EmailCell row={row} canWrite={canWrite} busy={busy} onFixEmail={onFixEmail} />
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                {row.status === 'staged' &&
                  row.problems.map((problem) => (
                    <Chip
                      key={problem}
                      size="small"
                      color="error"
                      label={translate(`resources.tenants.migration.email_problems.${problem}`)}
                      data-problem={problem}
                    />
                  ))}
              </Stack>
            </TableCell>
            <TableCell>
              <StatusChip status={row.status} />
            </TableCell>
            {canWrite && (
              <TableCell align="right">
                {row.status === 'staged' ? (
                  <Button size="small" startIcon={<PersonOffIcon />} disabled={busy} onClick={() => onSetExcluded(row.id, true)}>
                    {label('inactivate')}
                  </Button>
                ) : (
                  <Button size="small" startIcon={<UndoIcon />} disabled={busy} onClick={() => onSetExcluded(row.id, false)}>
                    {label('include')}
                  </Button>
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
