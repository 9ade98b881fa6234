import { CLI_ACTOR } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { passwordSchema } from '../domain/password.js';
import { emailSchema } from '../domain/email-address.js';
import { objectIdSchema } from '../domain/user.js';
import type { UseCases } from '../use-cases/index.js';
import { option } from './options.js';
import { newPassword } from './secret-input.js';

const usage = `usage:
  npm run cli -- admins create --email <e-mail> --name <name> --role admin|viewer [--password-stdin] [--tenant-user <user id>]
  The password is typed at the prompt (twice, not shown), or piped with --password-stdin:
    printf '%s' "$PASSWORD" | npm run cli -- admins create … --password-stdin
  --tenant-user links the account to a tenant user: it then acts as that user, for that tenant only.`;

/** Admin console accounts from the command line (the first one also comes from ADMIN_EMAIL/ADMIN_PASSWORD). */
export async function adminsCommand(args: string[], { adminAccounts }: UseCases): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create') {
    console.error(usage);
    return 2;
  }
  if (rest.includes('--password')) {
    console.error(`--password is not accepted: the shell would keep the password in its history and \`ps\` would show it to everyone.\n${usage}`);
    return 2;
  }
  const email = emailSchema.safeParse(option(rest, 'email') ?? '');
  const role = option(rest, 'role') ?? 'admin';
  const name = option(rest, 'name') ?? email.data ?? '';
  const tenantUser = option(rest, 'tenant-user');
  const tenantUserValid = tenantUser === undefined || objectIdSchema.safeParse(tenantUser).success;
  if (!email.success || (role !== 'admin' && role !== 'viewer') || !tenantUserValid) {
    console.error(
      `${!email.success ? 'invalid --email; ' : ''}${role !== 'admin' && role !== 'viewer' ? '--role must be admin or viewer; ' : ''}${tenantUserValid ? '' : '--tenant-user must be a user id (24 hex digits)'}\n${usage}`,
    );
    return 2;
  }
  const typed = await newPassword(rest.includes('--password-stdin'));
  const password = 'password' in typed ? passwordSchema.safeParse(typed.password) : undefined;
  if (!password?.success) {
    console.error(`password: ${'problem' in typed ? typed.problem : password?.error.issues[0]?.message}\n${usage}`);
    return 2;
  }
  try {
    const account = await adminAccounts.create({ email: email.data, name, role, password: password.data, tenantUserId: tenantUser ?? null }, CLI_ACTOR);
    console.log(`Created ${account.role} ${account.email} (id ${account.id})${account.tenantUserId ? `, acting as tenant user ${account.tenantUserId}` : ''}.`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
