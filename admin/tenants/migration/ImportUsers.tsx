import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, AlertTitle, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useDataProvider, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { CsvReading, ImportResult } from '../../../domain/migration';
import { ADMIN_API, type AdminDataProvider } from '../../data-provider';
import { errorCode } from '../../shared/http';
import { ImportResultTable } from './ImportResultTable';

const separatorNames = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/**
 * The blank spreadsheet in the console's language: for pt-BR the way Excel in Brazil opens and
 * saves it (`;`, Windows-1252, Portuguese headers), header and two example rows, ready to import.
 */
export function TemplateLink() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Button
      component="a"
      href={`${ADMIN_API}/migration/template.csv?locale=${encodeURIComponent(locale)}`}
      download
      startIcon={<DownloadIcon />}
      data-testid="import-template"
    >
      {translate('resources.tenants.migration.import.template')}
    </Button>
  );
}

function ReadingNote({ csv }: { csv: CsvReading }) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.import.${key}`, options);
  const encoding = csv.bom ? label('with_bom', { encoding: csv.encoding }) : csv.encoding;
  return (
    <Alert severity="info" data-testid="import-reading" data-encoding={csv.encoding} data-separator={csv.separator}>
      {label('reading', { encoding, separator: label(`separators.${separatorNames[csv.separator]}`) })}
      {csv.ignoredColumns.length > 0 && <div>{label('ignored_columns', { columns: csv.ignoredColumns.join(', ') })}</div>}
    </Alert>
  );
}

/**
 * Import the office's spreadsheet: the file goes to the API as it is, first as a dry run (nothing
 * written) whose answer is shown row by row, then, confirmed, for real. The same bytes both times,
 * so what was checked is what is imported.
 */
function ImportDialog({ tenantId, onClose }: { tenantId: string; onClose: () => void }) {
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.migration.import.${key}`, options);
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<{ name: string; bytes: ArrayBuffer } | null>(null);

  const check = useMutation({ mutationFn: (bytes: ArrayBuffer) => dataProvider.importUsers(tenantId, bytes, true) });
  const confirm = useMutation({
    mutationFn: () => dataProvider.importUsers(tenantId, file!.bytes, false),
    onSuccess: (result: ImportResult) => {
      notify(label('done', { smart_count: result.created, rejected: result.rejected }), { type: 'info' });
      // The review and the tenant's user list both show the new users.
      refresh();
      onClose();
    },
  });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // The same file chosen again (after fixing it in Excel) must still fire a change.
    event.target.value = '';
    if (!chosen) return;
    const bytes = await chosen.arrayBuffer();
    setFile({ name: chosen.name, bytes });
    confirm.reset();
    check.mutate(bytes);
  };

  const result = check.data;
  const failure = check.error ?? confirm.error;
  const withEmailProblems = result?.rows.filter((row) => row.result !== 'rejected' && row.emailProblems.length > 0).length ?? 0;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="import-dialog">
      <DialogTitle>{label('title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {label('help')}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />} disabled={check.isPending || confirm.isPending}>
              {label('choose')}
              <input type="file" hidden accept=".csv,.txt,text/csv" onChange={(event) => void choose(event)} data-testid="import-file" />
            </Button>
            {file && <Typography variant="body2">{file.name}</Typography>}
            <TemplateLink />
          </Stack>
          {(check.isPending || confirm.isPending) && <LinearProgress />}
          {failure && (
            <Alert severity="error" data-testid="import-error" data-code={errorCode(failure) ?? 'ERROR'}>
              <AlertTitle>{errorCode(failure) === 'MALFORMED_CSV' ? label('unreadable') : label('failed')}</AlertTitle>
              {failure.message}
            </Alert>
          )}
          {result && !check.isPending && (
            <>
              {result.csv && <ReadingNote csv={result.csv} />}
              <Typography data-testid="import-summary">
                {label('summary', { smart_count: result.valid, rejected: result.rejected, email_problems: withEmailProblems })}
              </Typography>
              <ImportResultTable rows={result.rows} />
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!result || check.isPending || result.valid === 0 || confirm.isPending} onClick={() => confirm.mutate()}>
          {label('confirm', { smart_count: result?.valid ?? 0 })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The tenant page's Import action: staged users for the migration review, from a CSV file. */
export function ImportUsersButton({ tenantId }: { tenantId: string }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button startIcon={<UploadFileIcon />} onClick={() => setOpen(true)}>
        {translate('resources.tenants.migration.import.action')}
      </Button>
      {open && <ImportDialog tenantId={tenantId} onClose={() => setOpen(false)} />}
    </>
  );
}
