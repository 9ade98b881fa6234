import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../../config/env.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { AdminAccountModel, AdminSessionModel, UserModel } from '../../data/models/index.js';
import type { AdminAccountDoc } from '../../data/models/admin-account.js';
import type { AdminRole } from '../../domain/admin-account.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';
import type { AdminIdentity } from '../http/request-context.js';
import { generatePassword, hashPassword, verifyPassword } from '../passwords.js';

const sessionKey = (raw: string) => createHash('sha256').update(raw).digest('hex');

export function toAdminView(account: AdminAccountDoc & { _id: unknown; createdAt: Date; updatedAt: Date }) {
  return {
    id: String(account._id),
    email: account.email,
    name: account.name,
    role: account.role as AdminRole,
    disabled: account.disabledAt !== null,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    tenantUserId: account.tenantUserId ? String(account.tenantUserId) : null,
    tenantId: account.tenantId ? String(account.tenantId) : null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
export type AdminView = ReturnType<typeof toAdminView>;
const identity = (view: AdminView): AdminIdentity => ({
  id: view.id,
  email: view.email,
  name: view.name,
  role: view.role,
  tenantUserId: view.tenantUserId,
  tenantId: view.tenantId,
});

/** The tenant user an account is linked to, and that user's tenant; null unlinks. */
async function tenantLink(tenantUserId: string | null) {
  if (tenantUserId === null) return { tenantUserId: null, tenantId: null };
  const user = await UserModel.findById(tenantUserId, { tenantId: 1 }).lean();
  if (!user) throw fail('USER_NOT_FOUND', { fields: [{ path: 'tenantUserId', message: 'no tenant user with this id' }] });
  return { tenantUserId: user._id, tenantId: user.tenantId };
}

/**
 * The first admin, from ADMIN_EMAIL/ADMIN_PASSWORD (or the printed dev defaults outside
 * production). Created once; an existing account is left alone, so a changed password sticks.
 */
export async function ensureBootstrapAdmin(config: Pick<Config, 'adminBootstrap'>, logger: Logger) {
  const bootstrap = config.adminBootstrap;
  if (!bootstrap) {
    if (!(await AdminAccountModel.exists({}))) logger.warn('no admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first one');
    return;
  }
  const email = normalizeEmail(bootstrap.email);
  try {
    await AdminAccountModel.updateOne(
      { email },
      { $setOnInsert: { email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(bootstrap.password) } },
      { upsert: true },
    );
  } catch (error) {
    // Two API processes starting together: the other one created it.
    if (!isDuplicateKey(error)) throw error;
  }
  if (bootstrap.devDefaults) logger.warn({ email }, 'admin console uses the dev default account; set ADMIN_EMAIL and ADMIN_PASSWORD outside development');
}

export async function signIn(email: string, password: string) {
  const account = await AdminAccountModel.findOne({ email: normalizeEmail(email), disabledAt: null }).lean();
  const ok = await verifyPassword(account?.passwordHash, password);
  if (!account || !ok) return null;
  await AdminAccountModel.updateOne({ _id: account._id }, { $set: { lastLoginAt: new Date() } });
  return identity(toAdminView(account));
}

export async function openSession(accountId: string, ttlMs: number) {
  const raw = randomBytes(32).toString('base64url');
  await AdminSessionModel.create({ _id: sessionKey(raw), accountId: new Types.ObjectId(accountId), expiresAt: new Date(Date.now() + ttlMs) });
  return raw;
}

export async function sessionIdentity(raw: string | undefined): Promise<AdminIdentity | null> {
  if (!raw || raw.length > 100) return null;
  const session = await AdminSessionModel.findOne({ _id: sessionKey(raw), expiresAt: { $gt: new Date() } }).lean();
  if (!session) return null;
  const account = await AdminAccountModel.findOne({ _id: session.accountId, disabledAt: null }).lean();
  return account ? identity(toAdminView(account)) : null;
}

export async function closeSession(raw: string | undefined) {
  if (raw) await AdminSessionModel.deleteOne({ _id: sessionKey(raw) });
}

export async function findAdminOrFail(id: string) {
  const account = Types.ObjectId.isValid(id) ? await AdminAccountModel.findById(id).lean() : null;
  if (!account) throw fail('NOT_FOUND');
  return toAdminView(account);
}

export async function createAdmin(
  input: { email: string; name: string; role: AdminRole; password: string; tenantUserId?: string | null },
  actor: Actor | null,
) {
  if (await AdminAccountModel.exists({ email: input.email })) throw fail('ADMIN_EXISTS', { fields: [{ path: 'email', message: 'already an admin account' }] });
  const link = await tenantLink(input.tenantUserId ?? null);
  const account = await AdminAccountModel.create({
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    ...link,
  });
  const view = toAdminView(account.toObject());
  if (actor) await recordAudit(actor, 'admin.created', { type: 'admin', id: view.id }, { after: view });
  return view;
}

async function adminsLeftWithout(id: string) {
  return AdminAccountModel.countDocuments({ role: 'admin', disabledAt: null, _id: { $ne: new Types.ObjectId(id) } });
}

export async function updateAdmin(
  id: string,
  changes: { name?: string; role?: AdminRole; password?: string; disabled?: boolean; tenantUserId?: string | null },
  actor: Actor,
) {
  const before = await findAdminOrFail(id);
  const losesAdmin = (changes.role && changes.role !== 'admin') || changes.disabled === true;
  if (before.role === 'admin' && losesAdmin && (await adminsLeftWithout(id)) === 0) throw fail('LAST_ADMIN');
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? (before.disabled ? undefined : new Date()) : null;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  if (changes.tenantUserId !== undefined) Object.assign(set, await tenantLink(changes.tenantUserId));
  await AdminAccountModel.updateOne({ _id: id }, { $set: Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined)) });
  if (changes.password !== undefined || changes.disabled) await AdminSessionModel.deleteMany({ accountId: new Types.ObjectId(id) });
  const after = await findAdminOrFail(id);
  await recordAudit(actor, 'admin.updated', { type: 'admin', id }, { before, after: { ...after, passwordChanged: changes.password !== undefined } });
  return after;
}

export async function deleteAdmin(id: string, actor: Actor) {
  const view = await findAdminOrFail(id);
  if (view.role === 'admin' && (await adminsLeftWithout(id)) === 0) throw fail('LAST_ADMIN');
  await AdminAccountModel.deleteOne({ _id: id });
  await AdminSessionModel.deleteMany({ accountId: new Types.ObjectId(id) });
  await recordAudit(actor, 'admin.deleted', { type: 'admin', id }, { before: view });
  return view;
}

/**
 * Sets a new password for an account (the one the admin typed, or a generated one answered once)
 * and ends every session of that account, so whoever held the old password is out at once.
 */
export async function resetAdminPassword(id: string, reset: { generate: true } | { password: string }, actor: Actor) {
  await findAdminOrFail(id);
  const generatedPassword = 'password' in reset ? null : generatePassword();
  await AdminAccountModel.updateOne({ _id: id }, { $set: { passwordHash: await hashPassword('password' in reset ? reset.password : generatedPassword!) } });
  const sessions = await AdminSessionModel.deleteMany({ accountId: new Types.ObjectId(id) });
  // The audit trail says that it happened and how, never the password.
  await recordAudit(
    actor,
    'admin.passwordReset',
    { type: 'admin', id },
    { after: { generated: generatedPassword !== null, sessionsEnded: sessions.deletedCount } },
  );
  return { account: await findAdminOrFail(id), generatedPassword };
}
