import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Types } from 'mongoose';
import type { Config } from '../../config/env.js';
import { recordAudit } from '../../data/audit-events.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { runningMigration } from '../../data/migrations.js';
import {
  countReview,
  lowestActiveSupervisor,
  officeMember,
  PROBLEMS_INDEX,
  problemsWhere,
  reviewPageIds,
  reviewRecords,
  reviewWhere,
} from '../../data/migration-review.js';
import { MigrationModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/locale.js';
import { checkEligibility } from '../../domain/migration.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { migrationClient } from '../../temporal/migration-client.js';
import { publishEvent } from '../../webhooks/publish.js';
import { findTenantOrFail } from '../tenants/find-tenant.js';
import { actingUser } from './acting-user.js';
import { blockedRowMessage, migrationMessages, personLabel } from './refusal-messages.js';
import { refreshOfficeFlags, refreshProblemFlags } from './review-problems.js';

/** A MIGRATION_BLOCKED refusal names this many blocking users at most (by code); its message counts them all. */
const MAX_BLOCKED_LISTED = 100;

export interface MigrationDeps {
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'lifecycle'>;
}

export interface StartMigration {
  tenantId: string;
  /** The tenant user named in the request, if any. */
  actingUserId?: string;
  /** The tenant user the caller's console account is linked to: it acts as that user only. */
  linkedUserId?: string | null;
  actor: Actor;
  locale: Locale;
}

/**
 * "Update accounts": checks that the acting tenant user qualifies and that no user to migrate
 * has an e-mail problem, then starts the tenant's `accountsMigration`. A run already going on
 * is returned as is, so a double click starts nothing twice.
 */
export async function startMigration(deps: MigrationDeps, scope: TenantScope, request: StartMigration) {
  requireTenant(scope, request.tenantId);
  const input = { ...request, actingUserId: actingUser(request.linkedUserId ?? null, request.actingUserId) };
  const tenant = await findTenantOrFail(input.tenantId);
  const running = await runningMigration(tenant._id);
  if (running) return { migrationId: running._id, alreadyRunning: true };

  // Eligibility on indexes: the acting user and the office's qualified supervisor, two reads.
  const [acting, qualified] = await Promise.all([officeMember(tenant._id, input.actingUserId), lowestActiveSupervisor(tenant._id)]);
  const eligibility = checkEligibility(
    qualified ? [{ id: String(qualified._id), code: qualified.code, name: qualified.name, role: 'supervisor', inactive: false }] : [],
    input.actingUserId,
  );
  if (!eligibility.eligible || !acting) {
    const who = !eligibility.eligible && eligibility.qualified ? personLabel(input.locale, eligibility.qualified) : null;
    throw new DomainError('CLIENT_INELIGIBLE', migrationMessages.CLIENT_INELIGIBLE[input.locale](who), [
      { path: 'actingUserId', message: qualified ? `must be user ${String(qualified._id)}` : 'the tenant has no active supervisor' },
    ]);
  }

  // Every e-mail problem derived again (review-problems.ts), then the blocking users counted on their index.
  await refreshOfficeFlags(tenant._id);
  const blocking = await countReview(problemsWhere(tenant._id));
  if (blocking > 0) {
    const ids = await reviewPageIds(problemsWhere(tenant._id), { skip: 0, limit: MAX_BLOCKED_LISTED }, PROBLEMS_INDEX);
    const rows = await reviewRecords(
      tenant._id,
      ids.map((entry) => entry._id),
    );
    const problems = await refreshProblemFlags(tenant._id, [], rows);
    throw new DomainError(
      'MIGRATION_BLOCKED',
      migrationMessages.MIGRATION_BLOCKED[input.locale](blocking),
      rows.map((row) => ({
        path: `users.${String(row._id)}`,
        message: blockedRowMessage(input.locale, { name: row.name, code: row.code, problems: problems.get(String(row._id)) ?? [] }),
      })),
    );
  }
  const toMigrate = await countReview(reviewWhere(tenant._id, 'staged'));
  if (toMigrate === 0) {
    // A start pressed at the same moment may have taken them already: that run is the answer.
    const winner = await runningMigration(tenant._id);
    if (winner) return { migrationId: winner._id, alreadyRunning: true };
    throw new DomainError('NOTHING_TO_MIGRATE', migrationMessages.NOTHING_TO_MIGRATE[input.locale]());
  }

  const migrationId = randomUUID();
  try {
    await MigrationModel.create({
      _id: migrationId,
      tenantId: tenant._id,
      actingUserId: new Types.ObjectId(input.actingUserId),
      actingUserLabel: `${acting.name} (code ${acting.code})`,
      requestedBy: input.actor.label ?? input.actor.id ?? input.actor.type,
      status: 'running',
      total: toMigrate,
    });
  } catch (error) {
    // Another start won the race between the check above and this insert (one_running_per_tenant).
    if (!isDuplicateKey(error)) throw error;
    const winner = await runningMigration(tenant._id);
    if (winner) return { migrationId: winner._id, alreadyRunning: true };
    throw error;
  }
  await migrationClient(deps.temporal, deps.config).start(
    { migrationId, tenantId: input.tenantId, tenantLabel: tenant.name },
    `Update accounts of ${tenant.name}: ${toMigrate} user(s), on behalf of ${acting.name}`,
  );
  const after = { migrationId, users: toMigrate, actingUserId: input.actingUserId };
  await recordAudit(input.actor, 'migration.started', { type: 'tenant', id: input.tenantId, tenantId: input.tenantId }, { after });
  await publishEvent(
    { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE },
    {
      key: `migration.started:${migrationId}`,
      type: 'migration.started',
      tenantId: input.tenantId,
      data: { migrationId, tenantId: input.tenantId, status: 'running', users: toMigrate, actingUserId: input.actingUserId },
    },
  );
  return { migrationId, alreadyRunning: false };
}
