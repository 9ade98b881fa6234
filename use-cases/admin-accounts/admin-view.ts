import type { AdminAccountDoc } from '../../data/models/admin-account.js';
import type { AdminAccount, AdminIdentity, AdminRole } from '../../domain/admin-account.js';

/** A console account as the API and the CLI show it: never its password hash. */
export function toAdminView(account: AdminAccountDoc & { _id: unknown; createdAt: Date; updatedAt: Date }): AdminAccount {
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

/** Who is signed in, as the console reads it. */
export const toAdminIdentity = (view: AdminAccount): AdminIdentity => ({
  id: view.id,
  email: view.email,
  name: view.name,
  role: view.role,
  tenantUserId: view.tenantUserId,
  tenantId: view.tenantId,
});
