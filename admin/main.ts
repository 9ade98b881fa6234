import { signInForm } from './sign-in/sign-in-form';

/**
 * The console's first load: a light sign-in form when nobody is signed in (no react-admin, no MUI:
 * the first screen opens fast on a phone), the console itself (console.tsx, its own chunk) once
 * someone is. The console starts loading when the person starts filling the form, with the screen
 * of the page they asked for, so both are there when they press Sign in. End users' pages
 * (/register/<token>, /sign-in) are another entry (public-pages/), which the API serves for those paths.
 */
const root = document.getElementById('root')!;
const loadConsole = () => import('./console');
const startConsole = () => loadConsole().then((module) => module.startConsole(root));

/** The screens a person opens the console on (a link, a bookmark), loaded beside it while they sign in. */
const landingScreens: Record<string, () => Promise<unknown>> = {
  '/': () => import('./office/Home'),
  '/users': () => import('./users/UserList'),
  '/migration': () => import('./office/ReviewPage'),
  '/activation': () => import('./office/ActivationPage'),
};

// The answer is read to its end, unused: a response left half-read counts as a request still open.
void fetch('/api/admin/auth/me', { headers: { Accept: 'application/json' } })
  .then((answer) => answer.text().then(() => answer.ok))
  .catch(() => false)
  .then((signedIn) => {
    if (signedIn) return startConsole();
    signInForm(root, {
      onStart: () => void Promise.all([loadConsole(), landingScreens[window.location.pathname]?.()]),
      // The console starts in this page, on the page asked for (its code loaded by then): no reload
      // that would fetch and run it all again. react-admin's own sign-in page would show at /login: the home instead.
      onSignedIn: () => {
        if (window.location.pathname === '/login') window.history.replaceState(null, '', '/');
        void startConsole();
      },
    });
  });
