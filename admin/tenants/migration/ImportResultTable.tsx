import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ImportRowResult } from '../../../domain/migration';

/**
 * The import's answer row by row: who would be (or was) created, who is rejected and why, and the
 * e-mail problems the review will show for them, with the review's own labels.
 */
export function ImportResultTable({ rows }: { rows: ImportRowResult[] }) {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.tenants.migration.${key}`);
  return (
    <Table size="small" data-testid="import-rows">
      <TableHead>
        <TableRow>
          <TableCell>{label('import.row')}</TableCell>
          <TableCell>{translate('resources.users.fields.code')}</TableCell>
          <TableCell>{translate('resources.users.fields.name')}</TableCell>
          <TableCell>{label('proposed_email')}</TableCell>
          <TableCell>{label('import.result')}</TableCell>
          <TableCell>{label('problems')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.row} data-row={row.row} data-result={row.result}>
            <TableCell>{row.row}</TableCell>
            <TableCell>{row.code ?? '—'}</TableCell>
            <TableCell>{row.name ?? '—'}</TableCell>
            <TableCell>{row.email ?? '—'}</TableCell>
            <TableCell>
              <Chip size="small" variant="outlined" color={row.result === 'rejected' ? 'error' : 'success'} label={label(`import.results.${row.result}`)} />
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
                {row.problems.map((problem) => (
                  // The message names the column as the file does, in the reader's language; the path is for machines.
                  <span key={problem.path} data-problem-path={problem.path}>
                    {problem.message}
                  </span>
                ))}
                {row.emailProblems.map((problem) => (
                  <Chip key={problem} size="small" color="warning" label={label(`email_problems.${problem}`)} data-problem={problem} />
                ))}
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
