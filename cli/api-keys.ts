import { newApiKeySchema } from '../domain/api-key.js';
import { DomainError } from '../domain/errors.js';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import type { UseCases } from '../use-cases/index.js';
import { secretLine, revokeSecret } from './bearer-secrets.js';
import { option } from './options.js';

const usage = `usage:
  npm run cli -- api-keys create --name <name> [--tenant <tenant id>]
                  prints the new key once; --tenant scopes it to that office (its calls reach
                  that tenant only: one per office's main system); without it, a platform key
  npm run cli -- api-keys list
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
      const parsed = newApiKeySchema.safeParse({ name, tenantId: option(rest, 'tenant')?.trim() });
      if (!parsed.success) {
        console.error(`--tenant must be a tenant id (24 hexadecimal characters)\n${usage}`);
        return 2;
      }
      let key;
      try {
        key = await apiKeys.create(PLATFORM_SCOPE, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'UNKNOWN_TENANT')) throw error;
        console.error(`no tenant with id "${parsed.data.tenantId}"`);
        return 1;
      }
      const reach = key.tenantId ? `scoped to tenant ${key.tenantId}` : 'platform key: reaches every tenant';
      console.log(`Created API key "${key.name}" (id ${key.id}, prefix ${key.prefix}, ${reach}).`);
      console.log(`Key (shown only now; store it in the calling system's secrets):\n\n  ${key.key}\n`);
      console.log(`Use it as: Authorization: Bearer ${key.key}`);
      return 0;
    }
    case 'list': {
      const keys = await apiKeys.listAll();
      if (keys.length === 0) console.log('No API keys.');
      for (const key of keys) {
        const creator = key.createdBy ? (key.createdBy.type === 'admin' ? `  by ${key.createdBy.email}` : '  by cli') : '';
        console.log(secretLine(key, `  ${key.tenantId ? `tenant ${key.tenantId}` : 'PLATFORM'}${creator}`));
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
