import { findUser } from '../../data/users.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';

/** The user with this id, or USER_NOT_FOUND (also for another tenant's user: out of scope is as missing). */
export async function findUserOrFail(scope: TenantScope, userId: string) {
  const user = await findUser(scope, userId);
  if (!user) throw domainError('USER_NOT_FOUND');
  return user;
}
