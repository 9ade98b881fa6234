import { Types } from 'mongoose';
import type { TenantScope } from '../domain/tenant-scope.js';
import { MigrationModel } from './models/index.js';
import { scopeWhere } from './tenant-scope.js';

/** The run with this id within the scope; null for none or another tenant's. */
export const findMigration = (scope: TenantScope, migrationId: string) => MigrationModel.findOne({ _id: migrationId, ...scopeWhere(scope) }).lean();

/** The tenant's latest runs, newest first. */
export const latestMigrations = (tenantId: string, limit: number) =>
  MigrationModel.find({ tenantId: new Types.ObjectId(tenantId) }, { _id: 1 })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();

/** The tenant's running migration; at most one runs per tenant (the one_running_per_tenant index). */
export const runningMigration = (tenantId: Types.ObjectId) => MigrationModel.findOne({ tenantId, status: 'running' }).lean();
