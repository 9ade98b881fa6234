import { findMigration, latestMigrations } from '../../data/migrations.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import type { MigrationProgress } from '../../domain/migration.js';
import { cohortCounts } from '../activation/cohort-counts.js';
import { findTenantOrFail } from '../tenants/find-tenant.js';

/** The migration with this id, or MIGRATION_NOT_FOUND (also for another tenant's). */
export async function findMigrationOrFail(scope: TenantScope, migrationId: string, tenantId?: string) {
  const migration = await findMigration(scope, migrationId);
  // Named under a tenant (the tracker's path): another tenant's run is as missing.
  if (migration && tenantId !== undefined && String(migration.tenantId) !== tenantId) throw domainError('MIGRATION_NOT_FOUND');
  if (!migration) throw domainError('MIGRATION_NOT_FOUND');
  return migration;
}

/** Progress from MongoDB: the run's counters, and where its users' lifecycles are now. */
export async function migrationProgress(scope: TenantScope, migrationId: string): Promise<MigrationProgress> {
  const migration = await findMigrationOrFail(scope, migrationId);
  const people = await cohortCounts({ migrationId });
  return {
    migrationId,
    tenantId: String(migration.tenantId),
    status: migration.status,
    total: migration.total,
    started: migration.started,
    failed: migration.failed,
    invited: people.invited,
    registered: people.registered,
    active: people.active,
    expired: people.expired,
    actingUserLabel: migration.actingUserLabel,
    createdAt: migration.createdAt.toISOString(),
    people,
  };
}

/** The tenant's last 20 runs, newest first, with their progress; TENANT_NOT_FOUND once the tenant is gone. */
export async function tenantMigrations(scope: TenantScope, tenantId: string) {
  requireTenant(scope, tenantId);
  await findTenantOrFail(tenantId);
  const runs = await latestMigrations(tenantId, 20);
  return Promise.all(runs.map((run) => migrationProgress(scope, run._id)));
}
