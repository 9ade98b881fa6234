import { adminsLeftWithout } from '../../data/admin-accounts.js';
import { recordAudit } from '../../data/audit-events.js';
import { AdminAccountModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { AdminRole } from '../../domain/admin-account.js';
import { domainError } from '../../domain/errors.js';
import { hashPassword } from '../../security/passwords.js';
import { findAdminOrFail } from './find-admin.js';
import { endSessionsOf } from './sessions.js';
import { tenantLink } from './tenant-link.js';

/** Name, role, password, enabled, tenant link. A new password or disabling ends the account's sessions; the last admin stays one. */
export async function updateAdmin(
  id: string,
  changes: { name?: string; role?: AdminRole; password?: string; disabled?: boolean; tenantUserId?: string | null },
  actor: Actor,
) {
  const before = await findAdminOrFail(id);
  const losesAdmin = (changes.role && changes.role !== 'admin') || changes.disabled === true;
  if (before.role === 'admin' && losesAdmin && (await adminsLeftWithout(id)) === 0) throw domainError('LAST_ADMIN');
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? (before.disabled ? undefined : new Date()) : null;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  if (changes.tenantUserId !== undefined) Object.assign(set, await tenantLink(changes.tenantUserId));
  await AdminAccountModel.updateOne({ _id: id }, { $set: Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined)) });
  if (changes.password !== undefined || changes.disabled) await endSessionsOf(id);
  const after = await findAdminOrFail(id);
  await recordAudit(actor, 'admin.updated', { type: 'admin', id }, { before, after: { ...after, passwordChanged: changes.password !== undefined } });
  return after;
}
