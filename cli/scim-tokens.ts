import { DomainError } from '../domain/errors.js';
import { PLATFORM_SCOPE } from '../domain/tenant-scope.js';
import type { UseCases } from '../use-cases/index.js';
import { secretLine, revokeSecret } from './bearer-secrets.js';
import { option } from './options.js';

const usage = `usage:
  npm run cli -- scim-tokens create --tenant <tenant id> --name <name>    prints the new token once
  npm run cli -- scim-tokens list
  npm run cli -- scim-tokens revoke <id or prefix>`;

/** SCIM tokens for identity providers, one tenant each: shown once at creation; only the hash is stored. Audited with the CLI as actor. */
export async function scimTokensCommand(args: string[], { scimTokens }: UseCases): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create': {
      const tenantId = option(rest, 'tenant')?.trim();
      const name = option(rest, 'name')?.trim();
      if (!tenantId || !name) {
        console.error(`--tenant and --name are required\n${usage}`);
        return 2;
      }
      try {
        const token = await scimTokens.create(PLATFORM_SCOPE, tenantId, name);
        console.log(`Created SCIM token "${token.name}" for tenant ${token.tenantName} (id ${token.id}, prefix ${token.prefix}).`);
        console.log(`Token (shown only now; paste it into the identity provider's provisioning settings):\n\n  ${token.token}\n`);
        console.log('SCIM base URL: <PUBLIC_URL>/scim/v2, authentication: Bearer token (HTTP header).');
        return 0;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'TENANT_NOT_FOUND')) throw error;
        console.error(`no tenant with id "${tenantId}"`);
        return 1;
      }
    }
    case 'list': {
      const tokens = await scimTokens.listAll();
      if (tokens.length === 0) console.log('No SCIM tokens.');
      for (const token of tokens) console.log(secretLine(token, `  tenant ${token.tenantId}`));
      return 0;
    }
    case 'revoke':
      return revokeSecret(rest[0], 'token', usage, scimTokens.revoke);
    default:
      console.error(usage);
      return 2;
  }
}
