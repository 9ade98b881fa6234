import { findAdminAccount } from '../../data/admin-accounts.js';
import { domainError } from '../../domain/errors.js';
import { toAdminView } from './admin-view.js';

/** The console account with this id, or NOT_FOUND. */
export async function findAdminOrFail(id: string) {
  const account = await findAdminAccount(id);
  if (!account) throw domainError('NOT_FOUND');
  return toAdminView(account);
}
