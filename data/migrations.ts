import { Types } from 'mongoose';
import { MigrationModel } from './models/index.js';

export const findMigration = (migrationId: string) => MigrationModel.findById(migrationId).lean();

/** The tenant's latest runs, newest first. */
export const latestMigrations = (tenantId: string, limit: number) =>
  MigrationModel.find({ tenantId: new Types.ObjectId(tenantId) }, { _id: 1 })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();

/** The tenant's running migration; at most one runs per tenant (the one_running_per_tenant index). */
export const runningMigration = (tenantId: Types.ObjectId) => MigrationModel.findOne({ tenantId, status: 'running' }).lean();
