import { PASSWORD_MIN_LENGTH, passwordChecks } from '../../domain/password-rules';
import { publicCall, type AcceptResult, type PublicInvitation } from './api';
import { h } from '../shared/dom';
import { alertBox, field } from './form';
import { publicPage, type PublicPage } from './shell';
import { browserLocale, type TextKey } from './texts';

type Phase =
  | { kind: 'loading' }
  | { kind: 'form'; invitation: PublicInvitation }
  | { kind: 'problem'; code: string; message: string | null }
  | { kind: 'done'; accessAt: string; invitation: PublicInvitation };

const problems: Record<string, { title: TextKey; text: TextKey; renew?: boolean; signIn?: boolean }> = {
  INVITATION_EXPIRED: { title: 'expired_title', text: 'expired_text', renew: true },
  // Only the newest link can ask for a new one (once expired): a replaced link points to the newest e-mail.
  INVITATION_SUPERSEDED: { title: 'superseded_title', text: 'superseded_text' },
  // A used link means the password exists: a new link would not help, signing in does.
  INVITATION_USED: { title: 'used_title', text: 'used_text', signIn: true },
  INVITATION_NOT_ACTIVE: { title: 'not_active_title', text: 'not_active_text' },
  INVITATION_NOT_FOUND: { title: 'not_found_title', text: 'not_found_text' },
  VALIDATION_FAILED: { title: 'not_found_title', text: 'not_found_text' },
};

/**
 * /register/<token>, the link of the invitation and reminder e-mails: the account to confirm, the
 * password with its rules ticked while typing (the API's own checks, domain/password.ts), then
 * when sign-in will work and where; or why the link no longer works, with a new link on request
 * when it expired. In the invitation's language, in the office's colours.
 */
export function registrationPage(root: HTMLElement, token: string) {
  let phase: Phase = { kind: 'loading' };
  const form = { password: '', confirmation: '', submitting: false, error: null as string | null };
  let renewal: 'idle' | 'sending' | 'sent' | 'failed' = 'idle';
  const path = `/invitations/${encodeURIComponent(token)}`;

  const page = publicPage(root, 'title', browserLocale(), (page) => {
    switch (phase.kind) {
      case 'loading':
        return h('p', { role: 'status' }, page.t('loading'));
      case 'form':
        return registrationForm(page, phase.invitation);
      case 'problem':
        return linkProblem(page, phase.code, phase.message);
      case 'done':
        return registered(page, phase.accessAt, phase.invitation);
    }
  });

  // Reading the invitation never consumes it (mail scanners open links too); only the form submission does.
  void publicCall<PublicInvitation>('GET', path, page.locale).then((answer) => {
    if (answer?.ok && answer.body) {
      phase = { kind: 'form', invitation: answer.body };
      page.brand(answer.body.tenantName, answer.body.branding);
      return page.setLocale(answer.body.locale);
    }
    phase = answer
      ? { kind: 'problem', code: answer.errorCode ?? 'UNKNOWN', message: answer.errorMessage }
      : { kind: 'problem', code: 'NETWORK', message: 'network' };
    page.render();
  });

  function registrationForm(page: PublicPage, invitation: PublicInvitation) {
    const { t } = page;
    const rows: [TextKey, string | null][] = [
      ['name', invitation.name],
      ['email', invitation.email],
      ['tenant', invitation.tenantName],
      ['legacy', invitation.legacyUsername],
    ];
    const rules = h('ul', { class: 'rules', 'data-testid': 'password-rules' });
    const submit = h('button', { type: 'submit', class: 'primary' });
    const update = () => {
      const checks = passwordChecks(form.password, form.confirmation);
      const rulesMet: [boolean, string][] = [
        [checks.length, t('rule_length', { min: PASSWORD_MIN_LENGTH })],
        [checks.lettersAndDigits, t('rule_letters_digits')],
        [checks.match, t('rule_match')],
      ];
      rules.replaceChildren(...rulesMet.map(([ok, label]) => h('li', { 'data-ok': String(ok) }, label)));
      submit.disabled = !(checks.length && checks.lettersAndDigits && checks.match) || form.submitting;
      submit.textContent = t(form.submitting ? 'submitting' : 'submit');
      return !submit.disabled;
    };

    async function send(event: Event) {
      event.preventDefault();
      if (!update()) return;
      form.submitting = true;
      form.error = null;
      update();
      const body = { password: form.password, passwordConfirmation: form.confirmation };
      const answer = await publicCall<AcceptResult>('POST', `${path}/accept`, page.locale, body);
      form.submitting = false;
      if (!answer) form.error = t('error', { message: 'network' });
      else if (answer.ok && answer.body) phase = { kind: 'done', accessAt: answer.body.accessAt, invitation };
      else if (answer.status === 410 || answer.status === 404) phase = { kind: 'problem', code: answer.errorCode ?? 'UNKNOWN', message: answer.errorMessage };
      else form.error = answer.status === 429 ? t('rate_limited') : (answer.errorMessage ?? t('error', { message: answer.status }));
      page.render();
    }

    const element = h(
      'form',
      { novalidate: true, onsubmit: (event) => void send(event) },
      h('h2', {}, t('account')),
      h('p', { class: 'muted' }, t('account_help')),
      h(
        'table',
        { 'data-testid': 'account-information' },
        h('tbody', {}, ...rows.flatMap(([label, value]) => (value ? [h('tr', {}, h('th', { scope: 'row' }, t(label)), h('td', {}, value))] : []))),
      ),
      // Lets password managers store the login with the password.
      h('input', { type: 'email', name: 'username', autocomplete: 'username', value: invitation.email, readonly: true, hidden: true }),
      field({
        name: 'password',
        label: t('password'),
        type: 'password',
        autocomplete: 'new-password',
        value: form.password,
        onInput: (value) => ((form.password = value), update()),
      }),
      field({
        name: 'passwordConfirmation',
        label: t('password_confirmation'),
        type: 'password',
        autocomplete: 'new-password',
        value: form.confirmation,
        onInput: (value) => ((form.confirmation = value), update()),
      }),
      h('p', {}, t('rules')),
      rules,
      form.error ? alertBox('error', form.error) : null,
      submit,
    );
    update();
    return element;
  }

  function registered(page: PublicPage, accessAt: string, invitation: PublicInvitation) {
    const { t, locale } = page;
    const at = new Date(accessAt);
    const minutes = Math.max(0, Math.ceil((at.getTime() - Date.now()) / 60_000));
    const when =
      minutes === 0 ? t('done_now') : t('done_soon', { smart_count: minutes, time: at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) });
    // The office's main system when it has one (where the person will work); else this service's sign-in check, in this language.
    const signIn = new URL(invitation.signInUrl, window.location.href);
    const href =
      signIn.origin === window.location.origin ? `${signIn.pathname}?${new URLSearchParams({ email: invitation.email, locale })}` : invitation.signInUrl;
    return h(
      'div',
      { 'data-testid': 'registered' },
      alertBox('success', when, {}, t('done_title')),
      h('p', {}, t('done_email', { email: invitation.email })),
      h('a', { class: 'button primary', href }, t('go_sign_in')),
    );
  }

  function linkProblem(page: PublicPage, code: string, message: string | null) {
    const { t, locale } = page;
    const problem = problems[code];
    if (!problem) return alertBox('error', code === 'RATE_LIMITED' ? t('rate_limited') : t('error', { message: message ?? code }), { 'data-problem': code });

    async function renew() {
      renewal = 'sending';
      page.render();
      const answer = await publicCall('POST', `${path}/renew`, locale);
      renewal = answer?.ok ? 'sent' : 'failed';
      page.render();
    }
    return h(
      'div',
      { 'data-problem': code },
      alertBox('warning', t(problem.text), {}, t(problem.title)),
      problem.renew && renewal !== 'sent'
        ? h('button', { type: 'button', class: 'primary', disabled: renewal === 'sending', onclick: () => void renew() }, t('renew'))
        : null,
      renewal === 'sent' ? alertBox('success', t('renew_sent'), { 'data-testid': 'renew-sent' }) : null,
      renewal === 'failed' ? alertBox('error', t('rate_limited')) : null,
      problem.signIn ? h('a', { class: 'button primary', href: `/sign-in?locale=${locale}` }, t('go_sign_in')) : null,
      problem.renew ? h('p', { class: 'muted' }, t('spam_hint')) : null,
    );
  }
}
