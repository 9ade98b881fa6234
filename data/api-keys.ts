import { Types } from 'mongoose';
import type { TenantScope } from '../domain/tenant-scope.js';
import { match, objectId } from './list-filters.js';
import { ApiKeyModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';
import { scopedTenantMatch, scopeWhere } from './tenant-scope.js';

/** Lists never need the hash. */
const withoutHash = { keyHash: 0 } as const;

/** The key with this id within the scope: an office finds its own keys, never platform keys or another office's. */
export const findApiKey = async (scope: TenantScope, id: string) =>
  Types.ObjectId.isValid(id) ? await ApiKeyModel.findOne({ _id: new Types.ObjectId(id), ...scopeWhere(scope) }, withoutHash).lean() : null;
/** One as MongoDB returns it (lean), without its hash. */
export type ApiKeyRecord = NonNullable<Awaited<ReturnType<typeof findApiKey>>>;

/** Every key, oldest first (the CLI's list). */
export const allApiKeys = () => ApiKeyModel.find({}, withoutHash).sort({ createdAt: 1 }).lean();

export interface ApiKeyListFilter {
  id?: string | string[];
  /** true: revoked keys only; false: active ones. */
  revoked?: boolean;
  tenantId?: string;
}

export const apiKeyListWhere = (scope: TenantScope, filter: ApiKeyListFilter) => ({
  ...match('_id', filter.id, objectId),
  ...scopedTenantMatch(scope, filter.tenantId),
  ...(filter.revoked === undefined ? {} : { revokedAt: filter.revoked ? { $ne: null } : null }),
});

export const listApiKeys = (scope: TenantScope, filter: ApiKeyListFilter, page: Page) =>
  findPage<ApiKeyRecord>(ApiKeyModel, apiKeyListWhere(scope, filter), page);

/** The active key with this hash, if any. */
export const activeApiKey = (keyHash: string) => ApiKeyModel.findOne({ keyHash, revokedAt: null }).lean();
