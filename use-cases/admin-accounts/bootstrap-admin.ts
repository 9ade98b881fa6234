import type { Logger } from 'pino';
import type { Config } from '../../config/env.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { AdminAccountModel } from '../../data/models/index.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { hashPassword } from '../../security/passwords.js';

/**
 * The first admin, from ADMIN_EMAIL/ADMIN_PASSWORD (or the printed dev defaults outside
 * production). Created once; an existing account is left alone, so a changed password sticks.
 */
export async function ensureBootstrapAdmin(config: Pick<Config, 'adminBootstrap'>, logger: Logger) {
  const bootstrap = config.adminBootstrap;
  if (!bootstrap) {
    if (!(await AdminAccountModel.exists({}))) logger.warn('no admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first one');
    return;
  }
  const email = normalizeEmail(bootstrap.email);
  try {
    await AdminAccountModel.updateOne(
      { email },
      { $setOnInsert: { email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(bootstrap.password) } },
      { upsert: true },
    );
  } catch (error) {
    // Two API processes starting together: the other one created it.
    if (!isDuplicateKey(error)) throw error;
  }
  if (bootstrap.devDefaults) logger.warn({ email }, 'admin console uses the dev default account; set ADMIN_EMAIL and ADMIN_PASSWORD outside development');
}
