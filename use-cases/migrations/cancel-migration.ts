import { recordAudit } from '../../data/audit-events.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { migrationClient } from '../../temporal/migration-client.js';
import { findMigrationOrFail } from './migration-progress.js';
import type { MigrationDeps } from './start-migration.js';

/** No new lifecycles start after this; the ones already started go on. */
export async function cancelMigration(deps: MigrationDeps, scope: TenantScope, migrationId: string, actor: Actor) {
  const migration = await findMigrationOrFail(scope, migrationId);
  if (migration.status !== 'running') throw new DomainError('MIGRATION_NOT_RUNNING', `the migration is ${migration.status}`);
  await migrationClient(deps.temporal, deps.config).cancel(migrationId);
  const tenantId = String(migration.tenantId);
  await recordAudit(actor, 'migration.cancelRequested', { type: 'tenant', id: tenantId, tenantId }, { after: { migrationId } });
}
