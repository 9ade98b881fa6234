import { Types } from 'mongoose';
import { match, objectId } from './list-filters.js';
import { ApiKeyModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

/** Lists never need the hash. */
const withoutHash = { keyHash: 0 } as const;

export const findApiKey = async (id: string) => (Types.ObjectId.isValid(id) ? await ApiKeyModel.findById(id, withoutHash).lean() : null);
/** One as MongoDB returns it (lean), without its hash. */
export type ApiKeyRecord = NonNullable<Awaited<ReturnType<typeof findApiKey>>>;

/** Every key, oldest first (the CLI's list). */
export const allApiKeys = () => ApiKeyModel.find({}, withoutHash).sort({ createdAt: 1 }).lean();

export interface ApiKeyListFilter {
  id?: string | string[];
  /** true: revoked keys only; false: active ones. */
  revoked?: boolean;
}

export const apiKeyListWhere = (filter: ApiKeyListFilter) => ({
  ...match('_id', filter.id, objectId),
  ...(filter.revoked === undefined ? {} : { revokedAt: filter.revoked ? { $ne: null } : null }),
});

export const listApiKeys = (filter: ApiKeyListFilter, page: Page) => findPage<ApiKeyRecord>(ApiKeyModel, apiKeyListWhere(filter), page);

/** The active key with this hash, if any. */
export const activeApiKey = (keyHash: string) => ApiKeyModel.findOne({ keyHash, revokedAt: null }).lean();
