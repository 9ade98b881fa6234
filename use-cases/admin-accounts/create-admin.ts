import { recordAudit } from '../../data/audit-events.js';
import { AdminAccountModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { AdminRole } from '../../domain/admin-account.js';
import { domainError } from '../../domain/errors.js';
import { hashPassword } from '../../security/passwords.js';
import { toAdminView } from './admin-view.js';
import { tenantLink } from './tenant-link.js';

/** A new console account; `actor` null for none to audit (there is always one but at the very first start). */
export async function createAdmin(
  input: { email: string; name: string; role: AdminRole; password: string; tenantUserId?: string | null },
  actor: Actor | null,
) {
  if (await AdminAccountModel.exists({ email: input.email }))
    throw domainError('ADMIN_EXISTS', { fields: [{ path: 'email', message: 'already an admin account' }] });
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
