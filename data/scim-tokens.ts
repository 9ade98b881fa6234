import { Types } from 'mongoose';
import type { TenantScope } from '../domain/tenant-scope.js';
import { ScimTokenModel } from './models/index.js';
import { scopeWhere } from './tenant-scope.js';

/** Lists never need the hash. */
const withoutHash = { tokenHash: 0 } as const;

/** The token with this id within the scope; null for none or another tenant's. */
export const findScimToken = async (scope: TenantScope, id: string) =>
  Types.ObjectId.isValid(id) ? await ScimTokenModel.findOne({ _id: new Types.ObjectId(id), ...scopeWhere(scope) }, withoutHash).lean() : null;

/** Every token, oldest first (the CLI's list). */
export const allScimTokens = () => ScimTokenModel.find({}, withoutHash).sort({ createdAt: 1, _id: 1 }).lean();

/** A tenant's latest tokens, newest first (the tenant page's card). */
export const tenantScimTokens = (tenantId: string, limit: number) =>
  ScimTokenModel.find({ tenantId: new Types.ObjectId(tenantId) }, withoutHash)
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean();

/** The active token with this hash, if any. */
export const activeScimToken = (tokenHash: string) => ScimTokenModel.findOne({ tokenHash, revokedAt: null }).lean();
