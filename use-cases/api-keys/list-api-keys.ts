import { allApiKeys, findApiKey, listApiKeys, type ApiKeyListFilter } from '../../data/api-keys.js';
import type { Page } from '../../data/paged-list.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toApiKeyView } from './api-key-view.js';

/** Every key, oldest first (the CLI). */
export const listAllApiKeys = async () => (await allApiKeys()).map(toApiKeyView);

/** A page of keys within the scope and how many match (the console). */
export async function listApiKeyPage(scope: TenantScope, filter: ApiKeyListFilter, page: Page) {
  const { records, total } = await listApiKeys(scope, filter, page);
  return { items: records.map(toApiKeyView), total };
}

/** The key with this id, or NOT_FOUND (also one out of scope). */
export async function findApiKeyOrFail(scope: TenantScope, id: string) {
  const key = await findApiKey(scope, id);
  if (!key) throw domainError('NOT_FOUND');
  return toApiKeyView(key);
}
