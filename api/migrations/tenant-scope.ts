import type { Request } from 'express';
import { findMigrationOrFail } from '../../use-cases/migrations/migration-progress.js';
import { fail } from '../http/error-messages.js';

/**
 * A console account linked to a tenant user (a tenant account) works on that user's tenant
 * only: any other tenant's migration resources answer 403 OTHER_TENANT. Platform accounts and
 * integrations are not restricted.
 */
export function requireOwnTenant(req: Request, tenantId: string) {
  if (req.admin?.tenantUserId && req.admin.tenantId !== tenantId) throw fail('OTHER_TENANT');
}

/** The same for a migration named by id: MIGRATION_NOT_FOUND if there is none, OTHER_TENANT if it is another tenant's. */
export async function requireOwnMigration(req: Request, migrationId: string) {
  if (!req.admin?.tenantUserId) return;
  const migration = await findMigrationOrFail(migrationId);
  requireOwnTenant(req, String(migration.tenantId));
}
