import { publicCall, type LoginResult } from './api';
import { h } from '../shared/dom';
import { alertBox, field } from './form';
import { publicPage } from './shell';
import { asLocale, browserLocale } from './texts';

/**
 * /sign-in, linked from the "access ready" e-mail and from the registration page's last step:
 * says plainly when access is still being prepared, and for about how long (ACCESS_PENDING).
 */
export function signInPage(root: HTMLElement) {
  const params = new URLSearchParams(window.location.search);
  const form = { email: params.get('email') ?? '', password: '', pending: false };
  let outcome: { severity: 'success' | 'info' | 'error'; text: string } | null = null;

  // The registration page passes its language along; the "access ready" e-mail link has none.
  const page = publicPage(root, 'sign_in.title', asLocale(params.get('locale')) ?? browserLocale(), ({ t, locale }) => {
    const submit = h('button', { type: 'submit', class: 'primary' }, t('sign_in.submit'));
    const update = () => (submit.disabled = form.pending || !form.email || !form.password);

    async function send(event: Event) {
      event.preventDefault();
      form.pending = true;
      update();
      const answer = await publicCall<LoginResult>('POST', '/login', locale, { email: form.email, password: form.password });
      form.pending = false;
      if (!answer) outcome = { severity: 'error', text: t('error', { message: 'network' }) };
      else if (answer.ok && answer.body) outcome = { severity: 'success', text: t('sign_in.ok', { name: answer.body.user.name }) };
      else if (answer.errorCode === 'ACCESS_PENDING') {
        const minutes = Math.max(1, Math.ceil((answer.retryAfterSeconds ?? 60) / 60));
        outcome = { severity: 'info', text: t('sign_in.pending', { smart_count: minutes }) };
      } else if (answer.status === 429) outcome = { severity: 'error', text: t('sign_in.locked') };
      else if (answer.status === 401) outcome = { severity: 'error', text: t('sign_in.invalid') };
      else outcome = { severity: 'error', text: answer.errorMessage ?? t('error', { message: answer.status }) };
      page.render();
    }

    const element = h(
      'form',
      { onsubmit: (event) => void send(event) },
      field({
        name: 'email',
        label: t('sign_in.email'),
        type: 'email',
        autocomplete: 'username',
        value: form.email,
        onInput: (value) => ((form.email = value), update()),
      }),
      field({
        name: 'password',
        label: t('sign_in.password'),
        type: 'password',
        autocomplete: 'current-password',
        value: form.password,
        onInput: (value) => ((form.password = value), update()),
      }),
      outcome ? alertBox(outcome.severity, outcome.text, { 'data-testid': 'sign-in-outcome' }) : null,
      submit,
    );
    update();
    return element;
  });
}
