import { recordAudit } from '../../data/audit-events.js';
import { AdminAccountModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { generatePassword, hashPassword } from '../../security/passwords.js';
import { findAdminOrFail } from './find-admin.js';
import { endSessionsOf } from './sessions.js';

/**
 * Sets a new password for an account (the one the admin typed, or a generated one answered once)
 * and ends every session of that account, so whoever held the old password is out at once.
 */
export async function resetAdminPassword(id: string, reset: { generate: true } | { password: string }, actor: Actor) {
  await findAdminOrFail(id);
  const generatedPassword = 'password' in reset ? null : generatePassword();
  await AdminAccountModel.updateOne({ _id: id }, { $set: { passwordHash: await hashPassword('password' in reset ? reset.password : generatedPassword!) } });
  const sessions = await endSessionsOf(id);
  // The audit trail says that it happened and how, never the password.
  await recordAudit(
    actor,
    'admin.passwordReset',
    { type: 'admin', id },
    { after: { generated: generatedPassword !== null, sessionsEnded: sessions.deletedCount } },
  );
  return { account: await findAdminOrFail(id), generatedPassword };
}
