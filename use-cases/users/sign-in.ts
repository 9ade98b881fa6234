import { CredentialModel, UserModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { domainError } from '../../domain/errors.js';
import { verifyPassword } from '../../security/passwords.js';

/** Counts sign-in attempts and refuses a client past its limit; a right password calls succeeded(). */
export interface SignInThrottle {
  begin(scope: 'user', email: string, client: string): Promise<{ succeeded(): Promise<void> }>;
}

/**
 * A user's sign-in check. Only a right password learns anything: the user when access is ready,
 * ACCESS_PENDING with when to retry during the sync delay and while the main system links the
 * login (status `linking`, its own message). Everything else (unknown e-mail, wrong password, no
 * password yet, inactive, expired) is the same INVALID_CREDENTIALS, after the same argon2 work.
 * `client`: the caller's client key, which the throttle counts failures by (api/http/login-throttle.ts).
 */
export async function logIn(throttle: SignInThrottle, email: string, password: string, client: string) {
  const login = normalizeEmail(email);
  const attempt = await throttle.begin('user', login, client);
  const user = await UserModel.findOne({ email: login }).lean();
  const credential = user ? await CredentialModel.findById(user._id).lean() : null;
  // A password only counts once the workflow consumed the invitation it was set with.
  const usable = credential?.activatedAt ? credential.passwordHash : null;
  // A refusal leaves the attempt counted as a failure.
  if (!user || !(await verifyPassword(usable, password))) throw domainError('INVALID_CREDENTIALS');
  if (user.status === 'registered') {
    await attempt.succeeded();
    const waitMs = Math.max((user.accessAt?.getTime() ?? Date.now()) - Date.now(), 1_000);
    throw domainError('ACCESS_PENDING', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }
  if (user.status === 'linking') {
    // Its own reason: the main system is linking the login, which takes as long as it takes.
    await attempt.succeeded();
    throw domainError('ACCESS_PENDING', { detail: 'your login is being linked in the main system', retryAfterSeconds: 60 });
  }
  if (user.status !== 'active') throw domainError('INVALID_CREDENTIALS');
  await attempt.succeeded();
  return { status: 'active' as const, user: { id: String(user._id), name: user.name, email: login, tenantId: String(user.tenantId), locale: user.locale } };
}
