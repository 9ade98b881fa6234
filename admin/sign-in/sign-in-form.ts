import type { Locale } from '../../domain/locale';
import { signInTexts } from '../i18n/sign-in-texts';
import { h } from '../shared/dom';

/** The console's language: the one chosen in its menu (react-admin's store), else the browser's. */
function consoleLocale(): Locale {
  try {
    if (JSON.parse(localStorage.getItem('RaStore.locale') ?? 'null') === 'pt-BR') return 'pt-BR';
  } catch {
    // An unreadable stored choice: the browser's language then.
  }
  // As the console's i18n provider picks it (admin/i18n/index.ts browserLocale).
  for (const tag of navigator.languages) {
    if (/^pt/i.test(tag)) return 'pt-BR';
    if (/^en/i.test(tag)) return 'en';
  }
  return 'en';
}

/**
 * The console's sign-in, before any of react-admin is loaded: e-mail and password, the API's
 * refusal in the console's language. `onStart` fires when the person first focuses the form (the
 * console then loads while they type); `onSignedIn` once the session cookie is set.
 */
export function signInForm(root: HTMLElement, events: { onStart: () => void; onSignedIn: () => void }) {
  const locale = consoleLocale();
  const t = signInTexts[locale];
  document.documentElement.lang = locale;
  document.title = t.title;
  const field = (name: string, type: string, autocomplete: string, label: string) => {
    const input = h('input', { id: `sign-in-${name}`, name, type, autocomplete, required: true });
    return { input, element: h('div', {}, h('label', { for: input.id }, label), input) };
  };
  const email = field('username', 'email', 'username', t.email);
  const password = field('password', 'password', 'current-password', t.password);
  const refusal = h('p', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t.submit);

  async function signIn(event: Event) {
    event.preventDefault();
    submit.disabled = true;
    refusal.textContent = '';
    const answer = await fetch('/api/admin/auth/login', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Accept-Language': locale, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: email.input.value, password: password.input.value }),
    }).catch(() => null);
    if (answer?.ok) return events.onSignedIn();
    const body = (await answer?.json().catch(() => null)) as { error?: { message?: string } } | null;
    refusal.textContent = body?.error?.message ?? t.failed;
    submit.disabled = false;
  }

  const form = h('form', { class: 'sign-in', onsubmit: (event) => void signIn(event) }, h('h1', {}, t.title), email.element, password.element, refusal, submit);
  form.addEventListener('focusin', events.onStart, { once: true });
  root.replaceChildren(h('main', { class: 'sign-in-page' }, form));
}
