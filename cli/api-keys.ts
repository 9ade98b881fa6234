import { parseDuration } from '../config/durations.js';
import { newApiKeySchema } from '../domain/api-key.js';
import { DomainError } from '../domain/errors.js';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import type { UseCases } from '../use-cases/index.js';
import { secretLine, revokeSecret } from './bearer-secrets.js';
import { option } from './options.js';

const usage = `usage:
  npm run cli -- api-keys create --name <name> [--tenant <tenant id>] [--expires-in 90d | --expires-at <ISO date-time>]
                  prints the new key once; --tenant scopes it to that office (its calls reach
                  that tenant only: one per office's main system); without it, a platform key.
                  --expires-in (e.g. 90d, 12w, 36h) or --expires-at (e.g. 2026-06-30T23:59:59Z):
                  the key stops working then (401 API_KEY_EXPIRED); without either, never
  npm run cli -- api-keys list        each key with its office, creator, dates, expiry
  npm run cli -- api-keys revoke <id or prefix>`;

/** Integration API keys: the raw key is shown once at creation; only its hash is stored. Creation and revocation are audited with the CLI as actor. */
export async function apiKeysCommand(args: string[], { apiKeys }: UseCases): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create': {
      const name = option(rest, 'name')?.trim();
      if (!name) {
        console.error(`--name is required\n${usage}`);
        return 2;
      }
      const tenantId = option(rest, 'tenant')?.trim();
      if (tenantId !== undefined && !newApiKeySchema.shape.tenantId.safeParse(tenantId).success) {
        console.error(`--tenant must be a tenant id (24 hexadecimal characters)\n${usage}`);
        return 2;
      }
      const expiresAt = expiryOption(rest);
      if (typeof expiresAt === 'object') {
        console.error(`${expiresAt.problem}\n${usage}`);
        return 2;
      }
      const parsed = newApiKeySchema.safeParse({ name, tenantId, expiresAt });
      if (!parsed.success) {
        console.error(`${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n${usage}`);
        return 2;
      }
      let key;
      try {
        key = await apiKeys.create(PLATFORM_SCOPE, parsed.data);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          console.error(`${error.message}\n${usage}`);
          return 2;
        }
        if (!(error instanceof DomainError && error.code === 'UNKNOWN_TENANT')) throw error;
        console.error(`no tenant with id "${parsed.data.tenantId}"`);
        return 1;
      }
      const reach = key.tenantId ? `scoped to tenant ${key.tenantId}` : 'platform key: reaches every tenant';
      const expiry = key.expiresAt ? `expires ${key.expiresAt}` : 'never expires';
      console.log(`Created API key "${key.name}" (id ${key.id}, prefix ${key.prefix}, ${reach}, ${expiry}).`);
      console.log(`Key (shown only now; store it in the calling system's secrets):\n\n  ${key.key}\n`);
      console.log(`Use it as: Authorization: Bearer ${key.key}`);
      return 0;
    }
    case 'list': {
      const keys = await apiKeys.listAll();
      if (keys.length === 0) console.log('No API keys.');
      for (const key of keys) {
        const creator = key.createdBy ? (key.createdBy.type === 'admin' ? `  by ${key.createdBy.email}` : '  by cli') : '';
        const expiry = key.expiresAt ? `  ${Date.parse(key.expiresAt) <= Date.now() ? 'EXPIRED' : 'expires'} ${key.expiresAt}` : '';
        console.log(`${secretLine(key, `  ${key.tenantId ? `tenant ${key.tenantId}` : 'PLATFORM'}${creator}`)}${expiry}`);
      }
      return 0;
    }
    case 'revoke':
      return revokeSecret(rest[0], 'key', usage, apiKeys.revoke);
    default:
      console.error(usage);
      return 2;
  }
}

/** --expires-in <duration> or --expires-at <ISO date-time> as the ISO instant to send; undefined for neither; a problem for both or a bad value. */
function expiryOption(args: string[]): string | undefined | { problem: string } {
  const within = option(args, 'expires-in')?.trim();
  const at = option(args, 'expires-at')?.trim();
  if (within !== undefined && at !== undefined) return { problem: 'give --expires-in or --expires-at, not both' };
  if (at !== undefined) return at;
  if (within === undefined) return undefined;
  const ms = parseDuration(within);
  if (ms === undefined || ms <= 0) return { problem: `--expires-in must be a duration such as 90d, 12w or 36h (not "${within}")` };
  return new Date(Date.now() + ms).toISOString();
}
