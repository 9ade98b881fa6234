import { registrationPage } from './registration';
import { signInPage } from './sign-in';

/**
 * The pages end users open from an e-mail, usually on a phone: their own entry, a few KiB with no
 * framework (the console's react-admin and MUI are for the office's staff). The API answers
 * /register/* and /sign-in with this page (api/http/static-assets.ts).
 */
const root = document.getElementById('page')!;
const registration = /^\/register\/([^/]*)\/?$/.exec(window.location.pathname);
if (registration) registrationPage(root, decoded(registration[1] ?? ''));
else signInPage(root);

/** A malformed %-escape is no token: the API then says the link is not valid. */
function decoded(token: string) {
  try {
    return decodeURIComponent(token);
  } catch {
    return '';
  }
}
