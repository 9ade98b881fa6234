import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { recordAudit } from '../../data/audit-events.js';
import { AdminAccountModel, AdminSessionModel } from '../../data/models/index.js';
import type { AdminIdentity } from '../../domain/admin-account.js';
import { toAdminIdentity, toAdminView } from './admin-view.js';

/** Only the session id's SHA-256 is stored. */
const sessionKey = (raw: string) => createHash('sha256').update(raw).digest('hex');

/** A new console session for the account; returns its id, which only the browser keeps. */
export async function openSession(accountId: string, ttlMs: number) {
  const raw = randomBytes(32).toString('base64url');
  await AdminSessionModel.create({ _id: sessionKey(raw), accountId: new Types.ObjectId(accountId), expiresAt: new Date(Date.now() + ttlMs) });
  return raw;
}

/** Who holds this session: an unexpired session of an enabled account; else null. */
export async function sessionIdentity(raw: string | undefined): Promise<AdminIdentity | null> {
  if (!raw || raw.length > 100) return null;
  const session = await AdminSessionModel.findOne({ _id: sessionKey(raw), expiresAt: { $gt: new Date() } }).lean();
  if (!session) return null;
  const account = await AdminAccountModel.findOne({ _id: session.accountId, disabledAt: null }).lean();
  return account ? toAdminIdentity(toAdminView(account)) : null;
}

export async function closeSession(raw: string | undefined) {
  if (raw) await AdminSessionModel.deleteOne({ _id: sessionKey(raw) });
}

/**
 * The session of an account that just signed in (signIn), audited. The one this browser held
 * (`previous`) ends: a session id planted or left behind before the sign-in (a shared computer,
 * fixation) is worth nothing after it.
 */
export async function startSession(identity: AdminIdentity, previous: string | undefined, ttlMs: number) {
  await closeSession(previous);
  const raw = await openSession(identity.id, ttlMs);
  await recordAudit({ type: 'admin', id: identity.id, label: identity.email }, 'admin.signedIn', { type: 'admin', id: identity.id });
  return raw;
}

/** Ends every session of the account: whoever held its old password, or signed in before it was disabled, is out. */
export const endSessionsOf = (accountId: string) => AdminSessionModel.deleteMany({ accountId: new Types.ObjectId(accountId) });
