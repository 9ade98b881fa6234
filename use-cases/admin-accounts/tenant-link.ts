import { UserModel } from '../../data/models/index.js';
import { domainError } from '../../domain/errors.js';

/** The tenant user an account is linked to, and that user's tenant; null unlinks. */
export async function tenantLink(tenantUserId: string | null) {
  if (tenantUserId === null) return { tenantUserId: null, tenantId: null };
  const user = await UserModel.findById(tenantUserId, { tenantId: 1 }).lean();
  if (!user) throw domainError('USER_NOT_FOUND', { fields: [{ path: 'tenantUserId', message: 'no tenant user with this id' }] });
  return { tenantUserId: user._id, tenantId: user.tenantId };
}
