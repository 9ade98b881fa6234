import { createApiKey } from '../use-cases/api-keys/create-api-key.js';
import { listAllApiKeys } from '../use-cases/api-keys/list-api-keys.js';
import { revokeApiKey } from '../use-cases/api-keys/revoke-api-key.js';
import { secretLine, revokeSecret } from './bearer-secrets.js';
import { option } from './options.js';

const usage = `usage:
  npm run cli -- api-keys create --name <name>    prints the new key once
  npm run cli -- api-keys list
  npm run cli -- api-keys revoke <id or prefix>`;

/** Integration API keys: the raw key is shown once at creation; only its hash is stored. Creation and revocation are audited with the CLI as actor. */
export async function apiKeysCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create': {
      const name = option(rest, 'name')?.trim();
      if (!name) {
        console.error(`--name is required\n${usage}`);
        return 2;
      }
      const key = await createApiKey(name);
      console.log(`Created API key "${key.name}" (id ${key.id}, prefix ${key.prefix}).`);
      console.log(`Key (shown only now; store it in the calling system's secrets):\n\n  ${key.key}\n`);
      console.log(`Use it as: Authorization: Bearer ${key.key}`);
      return 0;
    }
    case 'list': {
      const keys = await listAllApiKeys();
      if (keys.length === 0) console.log('No API keys.');
      for (const key of keys) {
        const creator = key.createdBy ? (key.createdBy.type === 'admin' ? `  by ${key.createdBy.email}` : '  by cli') : '';
        console.log(secretLine(key, creator));
      }
      return 0;
    }
    case 'revoke':
      return revokeSecret(rest[0], 'key', usage, revokeApiKey);
    default:
      console.error(usage);
      return 2;
  }
}
