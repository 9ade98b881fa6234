import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import EditIcon from '@mui/icons-material/Edit';
import LinkIcon from '@mui/icons-material/Link';
import ReplayIcon from '@mui/icons-material/Replay';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AdminDataProvider, StuckPerson } from '../data-provider';
import { CopyButton } from '../shared/CopyButton';
import { useFormatDateTime } from '../shared/dates';

const failureMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A fix's request, then the tracker read again: the person moves on (or not) on the next answer. */
function useFix<T>(request: () => Promise<T>, done: (answer: T) => void) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: request,
    onSuccess: (answer) => {
      done(answer);
      void queryClient.invalidateQueries({ queryKey: ['activation'] });
    },
    onError: (error) => notify(failureMessage(error), { type: 'error' }),
  });
}

/** Reenviar: a new invitation (a new link; the old one dies). For the expired and those who never opened theirs. */
export function ResendFix({ person }: { person: StuckPerson }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const fix = useFix(
    () => dataProvider.userAction(person.id, 'resend'),
    () => notify('app.notifications.resend', { type: 'info', messageArgs: { smart_count: 1 } }),
  );
  return (
    <Button size="small" startIcon={<ReplayIcon />} disabled={fix.isPending} onClick={() => fix.mutate()}>
      {translate('app.actions.resend')}
    </Button>
  );
}

/** Corrigir e-mail: the address the mail server refused is replaced; a new invitation goes to the new one. */
export function FixEmailFix({ person }: { person: StuckPerson }) {
  const translate = useTranslate();
  const label = (key: string) => translate(`office.fixes.${key}`);
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const [draft, setDraft] = useState<string | null>(null);
  const fix = useFix(
    () => dataProvider.changeEmail(person.id, (draft ?? '').trim()),
    () => {
      notify('app.notifications.email_changed', { type: 'info' });
      setDraft(null);
    },
  );
  return (
    <>
      <Button size="small" startIcon={<EditIcon />} onClick={() => setDraft(person.email ?? '')}>
        {label('fix_email')}
      </Button>
      <Dialog open={draft !== null} onClose={() => setDraft(null)} maxWidth="sm" fullWidth data-testid="fix-email-dialog">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            fix.mutate();
          }}
        >
          <DialogTitle>{translate('office.fixes.fix_email_title', { name: person.name })}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {person.lastEmailError && <Alert severity="error">{translate('office.fixes.refused_by_server', { error: person.lastEmailError })}</Alert>}
              <TextField
                type="email"
                name="email"
                label={translate('resources.users.fields.email')}
                value={draft ?? ''}
                onChange={(event) => setDraft(event.target.value)}
                autoFocus
                fullWidth
              />
              <DialogContentText>{translate('resources.users.email_change_warning')}</DialogContentText>
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDraft(null)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={fix.isPending || !draft?.trim()}>
              {translate('resources.tenants.migration.save_email')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

/**
 * Copiar o link: the open invitation's link, to send by WhatsApp when the e-mail does not arrive.
 * Copied at once when the browser lets us, and shown with its expiry either way (the request is audited).
 */
export function CopyLinkFix({ person }: { person: StuckPerson }) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const [shown, setShown] = useState<{ url: string; expiresAt: string; copied: boolean } | null>(null);
  const fix = useFix(
    async () => {
      const link = await dataProvider.registrationLink(person.id);
      const copied = await navigator.clipboard.writeText(link.url).then(
        () => true,
        () => false,
      );
      return { ...link, copied };
    },
    (answer) => setShown(answer),
  );
  return (
    <>
      <Button size="small" startIcon={<ContentCopyIcon />} disabled={fix.isPending} onClick={() => fix.mutate()}>
        {translate('office.fixes.copy_link')}
      </Button>
      <Dialog open={shown !== null} onClose={() => setShown(null)} maxWidth="sm" fullWidth data-testid="copy-link-dialog">
        <DialogTitle>{translate('office.fixes.link_title', { name: person.name })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity={shown?.copied ? 'success' : 'info'}>
              {translate(shown?.copied ? 'office.fixes.link_copied' : 'office.fixes.link_copy_yourself', { expiresAt: formatDateTime(shown?.expiresAt) })}
            </Alert>
            <TextField value={shown?.url ?? ''} fullWidth slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'registration-link' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          {shown && <CopyButton text={shown.url} />}
          <Button onClick={() => setShown(null)}>{translate('ra.action.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** "Vinculei no sistema principal": the office linked this person's e-mail there; access and the "access ready" e-mail follow. */
export function ConfirmLinkFix({ person }: { person: StuckPerson }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const fix = useFix(
    () => dataProvider.confirmLoginLink(person.id),
    () => notify('office.fixes.link_confirmed', { type: 'info', messageArgs: { smart_count: 1, name: person.name } }),
  );
  return (
    <Button size="small" variant="outlined" startIcon={<LinkIcon />} disabled={fix.isPending} onClick={() => fix.mutate()}>
      {translate('office.fixes.confirm_link')}
    </Button>
  );
}

/** "Confirmar todos": everyone of the office waiting for the link, after linking them in the main system. */
export function ConfirmAllLinksButton({ tenantId, waiting }: { tenantId: string; waiting: number }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const fix = useFix(
    () => dataProvider.confirmLoginLinks(tenantId),
    (answer) => notify('office.fixes.links_confirmed', { type: 'info', messageArgs: { smart_count: answer.confirmed.length } }),
  );
  if (waiting === 0) return null;
  return (
    <>
      <Button variant="contained" startIcon={<LinkIcon />} disabled={fix.isPending} onClick={() => setConfirming(true)}>
        {translate('office.fixes.confirm_all', { smart_count: waiting })}
      </Button>
      <Confirm
        isOpen={confirming}
        title={translate('office.fixes.confirm_all_title', { smart_count: waiting })}
        content={translate('office.fixes.confirm_all_content')}
        confirm={translate('office.fixes.confirm_link')}
        onConfirm={() => {
          setConfirming(false);
          fix.mutate();
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
