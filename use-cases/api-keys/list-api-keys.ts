import { allApiKeys, findApiKey, listApiKeys, type ApiKeyListFilter } from '../../data/api-keys.js';
import type { Page } from '../../data/paged-list.js';
import { domainError } from '../../domain/errors.js';
import { toApiKeyView } from './api-key-view.js';

/** Every key, oldest first (the CLI). */
export const listAllApiKeys = async () => (await allApiKeys()).map(toApiKeyView);

/** A page of keys and how many match (the console). */
export async function listApiKeyPage(filter: ApiKeyListFilter, page: Page) {
  const { records, total } = await listApiKeys(filter, page);
  return { items: records.map(toApiKeyView), total };
}

/** The key with this id, or NOT_FOUND. */
export async function findApiKeyOrFail(id: string) {
  const key = await findApiKey(id);
  if (!key) throw domainError('NOT_FOUND');
  return toApiKeyView(key);
}
