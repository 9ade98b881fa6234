import { z } from 'zod';
import { CredentialModel, UserModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { fail } from '../http/error-messages.js';
import type { LoginThrottle } from '../http/login-throttle.js';
import { verifyPassword } from '../passwords.js';

export const loginSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) }).meta({ id: 'Login' });

export const loginResult = z
  .object({ status: z.literal('active'), user: z.object({ id: z.string(), name: z.string(), email: z.string(), tenantId: z.string(), locale: z.string() }) })
  .meta({ id: 'LoginResult' });

/**
 * The sign-in check. Only a right password learns anything: 200 when access is ready, 403
 * ACCESS_PENDING with Retry-After during the sync delay and while the main system links the login
 * (status `linking`, its own message). Everything else (unknown e-mail, wrong
 * password, no password yet, inactive, expired) is the same 401, after the same argon2 work.
 * `client`: the caller's client key (clientKey in login-throttle.ts).
 */
export async function logIn(throttle: LoginThrottle, email: string, password: string, client: string) {
  const login = normalizeEmail(email);
  const attempt = await throttle.begin('user', login, client);
  const user = await UserModel.findOne({ email: login }).lean();
  const credential = user ? await CredentialModel.findById(user._id).lean() : null;
  // A password only counts once the workflow consumed the invitation it was set with.
  const usable = credential?.activatedAt ? credential.passwordHash : null;
  // A refusal leaves the attempt counted as a failure.
  if (!user || !(await verifyPassword(usable, password))) throw fail('INVALID_CREDENTIALS');
  if (user.status === 'registered') {
    await attempt.succeeded();
    const waitMs = Math.max((user.accessAt?.getTime() ?? Date.now()) - Date.now(), 1_000);
    throw fail('ACCESS_PENDING', { headers: { 'Retry-After': String(Math.ceil(waitMs / 1000)) } });
  }
  if (user.status === 'linking') {
    // Its own reason: the main system is linking the login, which takes as long as it takes.
    await attempt.succeeded();
    throw fail('ACCESS_PENDING', { detail: 'your login is being linked in the main system', headers: { 'Retry-After': '60' } });
  }
  if (user.status !== 'active') throw fail('INVALID_CREDENTIALS');
  await attempt.succeeded();
  return { status: 'active' as const, user: { id: String(user._id), name: user.name, email: login, tenantId: String(user.tenantId), locale: user.locale } };
}
