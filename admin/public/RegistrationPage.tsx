import { Alert, AlertTitle, Box, Button, CircularProgress, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { passwordChecks } from '../../domain/password';
import { PasswordRules } from '../shared/PasswordRules';
import { publicCall, type AcceptResult, type PublicInvitation } from './public-api';
import { PublicShell, usePublicI18n } from './PublicShell';

type Phase =
  | { kind: 'loading' }
  | { kind: 'form'; invitation: PublicInvitation }
  | { kind: 'problem'; code: string; message: string | null }
  | { kind: 'done'; accessAt: string; email: string; signInUrl: string };

/** The registration link's route: /register/:token, outside the admin layout, in the invitation's language. */
export function RegistrationPage() {
  return (
    <PublicShell title="public.title">
      <Registration />
    </PublicShell>
  );
}

function Registration() {
  const { token = '' } = useParams();
  const { locale, setLocale } = usePublicI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    // Reading the invitation never consumes it (mail scanners open links too); only the form submission does.
    void publicCall<PublicInvitation>('GET', `/invitations/${encodeURIComponent(token)}`, locale).then((answer) => {
      if (cancelled) return;
      if (answer.ok && answer.body) {
        setLocale(answer.body.locale);
        setPhase({ kind: 'form', invitation: answer.body });
      } else setPhase({ kind: 'problem', code: answer.errorCode ?? 'UNKNOWN', message: answer.errorMessage });
    });
    return () => {
      cancelled = true;
    };
    // Only the token reloads: the page's language follows the invitation once, and switching it by hand must not refetch.
  }, [token]);

  switch (phase.kind) {
    case 'loading':
      return <Loading />;
    case 'form':
      return <RegistrationForm token={token} invitation={phase.invitation} onDone={setPhase} />;
    case 'problem':
      return <LinkProblem token={token} code={phase.code} message={phase.message} />;
    case 'done':
      return <Registered accessAt={phase.accessAt} email={phase.email} signInUrl={phase.signInUrl} />;
  }
}

function Loading() {
  const { translate } = usePublicI18n();
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <CircularProgress size={24} />
      <Typography>{translate('public.loading')}</Typography>
    </Stack>
  );
}

function RegistrationForm({ token, invitation, onDone }: { token: string; invitation: PublicInvitation; onDone: (phase: Phase) => void }) {
  const { translate, locale } = usePublicI18n();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checks = passwordChecks(password, confirmation);
  const valid = checks.length && checks.lettersAndDigits && checks.match;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    setSubmitting(true);
    setError(null);
    const answer = await publicCall<AcceptResult>('POST', `/invitations/${encodeURIComponent(token)}/accept`, locale, {
      password,
      passwordConfirmation: confirmation,
    }).catch(() => null);
    setSubmitting(false);
    if (!answer) return setError(translate('public.error', { message: 'network' }));
    if (answer.ok && answer.body) return onDone({ kind: 'done', accessAt: answer.body.accessAt, email: invitation.email, signInUrl: invitation.signInUrl });
    if (answer.status === 410 || answer.status === 404) return onDone({ kind: 'problem', code: answer.errorCode ?? 'UNKNOWN', message: answer.errorMessage });
    setError(answer.status === 429 ? translate('public.rate_limited') : (answer.errorMessage ?? translate('public.error', { message: answer.status })));
  }

  const rows: [string, string | null][] = [
    ['public.name', invitation.name],
    ['public.email', invitation.email],
    ['public.tenant', invitation.tenantName],
    ['public.legacy', invitation.legacyUsername],
  ];
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Typography variant="h6" component="h2">
        {translate('public.account')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('public.account_help')}
      </Typography>
      <Table size="small" sx={{ mb: 3 }} data-testid="account-information">
        <TableBody>
          {rows
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" sx={{ color: 'text.secondary', width: '40%' }}>
                  {translate(label)}
                </TableCell>
                <TableCell sx={{ fontWeight: 600 }}>{value}</TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
      {/* Lets password managers store the login with the password. */}
      <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
      <Stack spacing={2}>
        <TextField
          label={translate('public.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          fullWidth
        />
        <TextField
          label={translate('public.password_confirmation')}
          type="password"
          name="passwordConfirmation"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          required
          fullWidth
        />
      </Stack>
      <Typography variant="body2" sx={{ mt: 2 }}>
        {translate('public.rules')}
      </Typography>
      <PasswordRules checks={checks} translate={translate} />
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
      <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 3 }} disabled={!valid || submitting}>
        {translate(submitting ? 'public.submitting' : 'public.submit')}
      </Button>
    </Box>
  );
}

function Registered({ accessAt, email, signInUrl }: { accessAt: string; email: string; signInUrl: string }) {
  const { translate, locale } = usePublicI18n();
  const at = new Date(accessAt);
  const minutes = Math.max(0, Math.ceil((at.getTime() - Date.now()) / 60_000));
  return (
    <Box data-testid="registered">
      <Alert severity="success" sx={{ mb: 2 }}>
        <AlertTitle>{translate('public.done_title')}</AlertTitle>
        {minutes === 0
          ? translate('public.done_now')
          : translate('public.done_soon', { smart_count: minutes, time: at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) })}
      </Alert>
      <Typography sx={{ mb: 3 }}>{translate('public.done_email', { email })}</Typography>
      {/* The office's main system when it has one (where the person will work); else this service's sign-in check. */}
      {new URL(signInUrl, window.location.href).origin === window.location.origin ? (
        <Button component={RouterLink} to={`/sign-in?${new URLSearchParams({ email, locale })}`} variant="contained">
          {translate('public.go_sign_in')}
        </Button>
      ) : (
        <Button href={signInUrl} variant="contained">
          {translate('public.go_sign_in')}
        </Button>
      )}
    </Box>
  );
}

const problems: Record<string, { title: string; text: string; renew?: boolean; signIn?: boolean }> = {
  INVITATION_EXPIRED: { title: 'public.expired_title', text: 'public.expired_text', renew: true },
  // Only the newest link can ask for a new one (once expired): a replaced link points to the newest e-mail.
  INVITATION_SUPERSEDED: { title: 'public.superseded_title', text: 'public.superseded_text' },
  // A used link means the password exists: a new link would not help, signing in does.
  INVITATION_USED: { title: 'public.used_title', text: 'public.used_text', signIn: true },
  INVITATION_NOT_ACTIVE: { title: 'public.not_active_title', text: 'public.not_active_text' },
  INVITATION_NOT_FOUND: { title: 'public.not_found_title', text: 'public.not_found_text' },
  VALIDATION_FAILED: { title: 'public.not_found_title', text: 'public.not_found_text' },
};

function LinkProblem({ token, code, message }: { token: string; code: string; message: string | null }) {
  const { translate, locale } = usePublicI18n();
  const [renewal, setRenewal] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const problem = problems[code];

  async function renew() {
    setRenewal('sending');
    const answer = await publicCall('POST', `/invitations/${encodeURIComponent(token)}/renew`, locale).catch(() => null);
    setRenewal(answer?.ok ? 'sent' : 'failed');
  }

  if (!problem) {
    return (
      <Alert severity="error" data-problem={code}>
        {code === 'RATE_LIMITED' ? translate('public.rate_limited') : translate('public.error', { message: message ?? code })}
      </Alert>
    );
  }
  return (
    <Box data-problem={code}>
      <Alert severity="warning" sx={{ mb: 2 }}>
        <AlertTitle>{translate(problem.title)}</AlertTitle>
        {translate(problem.text)}
      </Alert>
      {problem.renew && renewal !== 'sent' && (
        <Button variant="contained" onClick={renew} disabled={renewal === 'sending'}>
          {translate('public.renew')}
        </Button>
      )}
      {renewal === 'sent' && (
        <Alert severity="success" data-testid="renew-sent">
          {translate('public.renew_sent')}
        </Alert>
      )}
      {renewal === 'failed' && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {translate('public.rate_limited')}
        </Alert>
      )}
      {problem.signIn && (
        <Button component={RouterLink} to={`/sign-in?locale=${locale}`} variant="contained">
          {translate('public.go_sign_in')}
        </Button>
      )}
      {problem.renew && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('public.spam_hint')}
        </Typography>
      )}
    </Box>
  );
}
