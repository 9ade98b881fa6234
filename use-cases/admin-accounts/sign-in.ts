import { AdminAccountModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { verifyPassword } from '../../security/passwords.js';
import { toAdminIdentity, toAdminView } from './admin-view.js';

/** The account's identity when the password is right and the account enabled; else null, after the same argon2 work. */
export async function signIn(email: string, password: string) {
  const account = await AdminAccountModel.findOne({ email: normalizeEmail(email), disabledAt: null }).lean();
  const ok = await verifyPassword(account?.passwordHash, password);
  if (!account || !ok) return null;
  await AdminAccountModel.updateOne({ _id: account._id }, { $set: { lastLoginAt: new Date() } });
  return toAdminIdentity(toAdminView(account));
}
