import { randomUUID } from 'node:crypto';
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import { Types } from 'mongoose';
import type { Config } from '../../config/env.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { AuditEventModel, MigrationModel, TenantModel, UserModel } from '../../data/models/index.js';
import type { Locale } from '../../domain/locale.js';
import { checkEligibility, type MigrationProgress } from '../../domain/migration.js';
import { ACCOUNTS_MIGRATION_WORKFLOW, cancelMigrationSignal, workflowIdForMigration, type AccountsMigrationInput } from '../../domain/migration-messages.js';
import { publishEvent } from '../../webhooks/publish.js';
import { ApiError } from '../errors.js';
import { fail } from '../http/error-messages.js';
import type { Actor } from './actor.js';
import { migrationMessages } from './messages.js';
import { reviewTenant } from './review.js';

export interface MigrationDeps {
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'lifecycle'>;
}

async function findTenant(tenantId: string) {
  const tenant = Types.ObjectId.isValid(tenantId) ? await TenantModel.findById(tenantId).lean() : null;
  if (!tenant) throw fail('TENANT_NOT_FOUND');
  return tenant;
}

/**
 * "Update accounts": checks that the acting tenant user qualifies and that no user to migrate
 * has an e-mail problem, then starts the tenant's `accountsMigration`. A run already going on
 * is returned as is, so a double click starts nothing twice.
 */
export async function startMigration(deps: MigrationDeps, input: { tenantId: string; actingUserId: string; actor: Actor; locale: Locale }) {
  const tenant = await findTenant(input.tenantId);
  const running = await MigrationModel.findOne({ tenantId: tenant._id, status: 'running' }).lean();
  if (running) return { migrationId: running._id, alreadyRunning: true };

  const members = await UserModel.find({ tenantId: tenant._id }, { code: 1, name: 1, role: 1, status: 1 }).lean();
  const acting = members.find((member) => String(member._id) === input.actingUserId);
  const eligibility = checkEligibility(
    members.map((member) => ({ id: String(member._id), code: member.code, name: member.name, role: member.role, inactive: member.status === 'inactive' })),
    input.actingUserId,
  );
  if (!eligibility.eligible) {
    const who = eligibility.qualified ? `${eligibility.qualified.name} (code ${eligibility.qualified.code})` : null;
    throw new ApiError(403, 'CLIENT_INELIGIBLE', migrationMessages.CLIENT_INELIGIBLE[input.locale](who), [
      { path: 'actingUserId', message: eligibility.qualified ? `must be user ${eligibility.qualified.id}` : 'the tenant has no active supervisor' },
    ]);
  }

  const review = await reviewTenant(input.tenantId);
  const toMigrate = review.filter((row) => row.status === 'staged');
  const blocking = toMigrate.filter((row) => row.problems.length > 0);
  if (blocking.length > 0) {
    throw new ApiError(
      422,
      'MIGRATION_BLOCKED',
      migrationMessages.MIGRATION_BLOCKED[input.locale](blocking.length),
      blocking.map((row) => ({ path: `users.${row.id}`, message: `${row.name} (code ${row.code}): ${row.problems.join(', ')}` })),
    );
  }
  if (toMigrate.length === 0) throw new ApiError(409, 'NOTHING_TO_MIGRATE', migrationMessages.NOTHING_TO_MIGRATE[input.locale]());

  const migrationId = randomUUID();
  try {
    await MigrationModel.create({
      _id: migrationId,
      tenantId: tenant._id,
      actingUserId: new Types.ObjectId(input.actingUserId),
      actingUserLabel: `${acting!.name} (code ${acting!.code})`,
      requestedBy: input.actor.label ?? input.actor.id ?? input.actor.type,
      status: 'running',
      total: toMigrate.length,
    });
  } catch (error) {
    // Another start won the race between the check above and this insert (one_running_per_tenant).
    if (!isDuplicateKey(error)) throw error;
    const winner = await MigrationModel.findOne({ tenantId: tenant._id, status: 'running' }).lean();
    if (winner) return { migrationId: winner._id, alreadyRunning: true };
    throw error;
  }
  const workflowInput: AccountsMigrationInput = { migrationId, tenantId: input.tenantId, tenantLabel: tenant.name, policy: deps.config.lifecycle };
  await deps.temporal.workflow.start(ACCOUNTS_MIGRATION_WORKFLOW, {
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    workflowId: workflowIdForMigration(migrationId),
    args: [workflowInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    staticSummary: `Update accounts of ${tenant.name}: ${toMigrate.length} user(s), on behalf of ${acting!.name}`,
  });
  await AuditEventModel.create({
    actor: input.actor,
    action: 'migration.started',
    entityType: 'tenant',
    entityId: input.tenantId,
    tenantId: input.tenantId,
    after: { migrationId, users: toMigrate.length, actingUserId: input.actingUserId },
  });
  await publishEvent(
    { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE },
    {
      key: `migration.started:${migrationId}`,
      type: 'migration.started',
      tenantId: input.tenantId,
      data: { migrationId, tenantId: input.tenantId, status: 'running', users: toMigrate.length, actingUserId: input.actingUserId },
    },
  );
  return { migrationId, alreadyRunning: false };
}

export async function cancelMigration(deps: MigrationDeps, migrationId: string, actor: Actor) {
  const migration = await MigrationModel.findById(migrationId).lean();
  if (!migration) throw fail('MIGRATION_NOT_FOUND');
  if (migration.status !== 'running') throw new ApiError(409, 'MIGRATION_NOT_RUNNING', `the migration is ${migration.status}`);
  await deps.temporal.workflow.getHandle(workflowIdForMigration(migrationId)).signal(cancelMigrationSignal);
  await AuditEventModel.create({
    actor,
    action: 'migration.cancelRequested',
    entityType: 'tenant',
    entityId: String(migration.tenantId),
    tenantId: String(migration.tenantId),
    after: { migrationId },
  });
}

/** Progress from MongoDB: the run's counters, and where its users' lifecycles are now. */
export async function migrationProgress(migrationId: string): Promise<MigrationProgress> {
  const migration = await MigrationModel.findById(migrationId).lean();
  if (!migration) throw fail('MIGRATION_NOT_FOUND');
  const byStatus = await UserModel.aggregate<{ _id: string; count: number }>([{ $match: { migrationId } }, { $group: { _id: '$status', count: { $sum: 1 } } }]);
  const count = (status: string) => byStatus.find((group) => group._id === status)?.count ?? 0;
  return {
    migrationId,
    tenantId: String(migration.tenantId),
    status: migration.status,
    total: migration.total,
    started: migration.started,
    failed: migration.failed,
    invited: count('invited'),
    registered: count('registered'),
    active: count('active'),
    expired: count('expired'),
    actingUserLabel: migration.actingUserLabel,
    createdAt: migration.createdAt.toISOString(),
  };
}
