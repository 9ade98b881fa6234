import { adminsLeftWithout } from '../../data/admin-accounts.js';
import { recordAudit } from '../../data/audit-events.js';
import { AdminAccountModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import { findAdminOrFail } from './find-admin.js';
import { endSessionsOf } from './sessions.js';

/** Removes a console account and ends its sessions; never the last admin. */
export async function deleteAdmin(id: string, actor: Actor) {
  const view = await findAdminOrFail(id);
  if (view.role === 'admin' && (await adminsLeftWithout(id)) === 0) throw domainError('LAST_ADMIN');
  await AdminAccountModel.deleteOne({ _id: id });
  await endSessionsOf(id);
  await recordAudit(actor, 'admin.deleted', { type: 'admin', id }, { before: view });
  return view;
}
