import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { publicCall, type LoginResult } from './public-api';
import { PublicShell, usePublicI18n } from './PublicShell';

/** /sign-in, linked from the "access ready" e-mail: says plainly when access is still being prepared. */
export function SignInPage() {
  const [params] = useSearchParams();
  // The registration page passes its language along; the "access ready" e-mail link has none.
  return (
    <PublicShell title="public.sign_in.title" initialLocale={params.get('locale')}>
      <SignIn />
    </PublicShell>
  );
}

type Outcome = { severity: 'success' | 'info' | 'error'; text: string } | null;

function SignIn() {
  const { translate, locale } = usePublicI18n();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const answer = await publicCall<LoginResult>('POST', '/login', locale, { email, password }).catch(() => null);
    setPending(false);
    if (!answer) return setOutcome({ severity: 'error', text: translate('public.error', { message: 'network' }) });
    if (answer.ok && answer.body) return setOutcome({ severity: 'success', text: translate('public.sign_in.ok', { name: answer.body.user.name }) });
    if (answer.errorCode === 'ACCESS_PENDING') {
      const minutes = Math.max(1, Math.ceil((answer.retryAfterSeconds ?? 60) / 60));
      return setOutcome({ severity: 'info', text: translate('public.sign_in.pending', { smart_count: minutes }) });
    }
    if (answer.status === 429) return setOutcome({ severity: 'error', text: translate('public.sign_in.locked') });
    if (answer.status === 401) return setOutcome({ severity: 'error', text: translate('public.sign_in.invalid') });
    setOutcome({ severity: 'error', text: answer.errorMessage ?? translate('public.error', { message: answer.status }) });
  }

  return (
    <Box component="form" onSubmit={submit}>
      <Stack spacing={2}>
        <TextField
          label={translate('public.sign_in.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          fullWidth
        />
        <TextField
          label={translate('public.sign_in.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          fullWidth
        />
        {outcome && (
          <Alert severity={outcome.severity} data-testid="sign-in-outcome">
            {outcome.text}
          </Alert>
        )}
        <Button type="submit" variant="contained" size="large" disabled={pending || !email || !password}>
          {translate('public.sign_in.submit')}
        </Button>
      </Stack>
    </Box>
  );
}
