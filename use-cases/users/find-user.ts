import { findUser } from '../../data/users.js';
import { domainError } from '../../domain/errors.js';

/** The user with this id, or USER_NOT_FOUND. */
export async function findUserOrFail(userId: string) {
  const user = await findUser(userId);
  if (!user) throw domainError('USER_NOT_FOUND');
  return user;
}
