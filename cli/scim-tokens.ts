import { createScimToken, listScimTokens, revokeScimToken, UnknownTenantError } from '../api/scim/tokens.js';

const usage = `usage:
  npm run cli -- scim-tokens create --tenant <tenant id> --name <name>    prints the new token once
  npm run cli -- scim-tokens list
  npm run cli -- scim-tokens revoke <id or prefix>`;

function option(args: string[], name: string) {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** SCIM tokens for identity providers, one tenant each: shown once at creation; only the hash is stored. Audited with the CLI as actor. */
export async function scimTokensCommand(args: string[]): Promise<number> {
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
        const token = await createScimToken(tenantId, name);
        console.log(`Created SCIM token "${token.name}" for tenant ${token.tenantName} (id ${token.id}, prefix ${token.prefix}).`);
        console.log(`Token (shown only now; paste it into the identity provider's provisioning settings):\n\n  ${token.token}\n`);
        console.log('SCIM base URL: <PUBLIC_URL>/scim/v2, authentication: Bearer token (HTTP header).');
        return 0;
      } catch (error) {
        if (!(error instanceof UnknownTenantError)) throw error;
        console.error(error.message);
        return 1;
      }
    }
    case 'list': {
      const tokens = await listScimTokens();
      if (tokens.length === 0) console.log('No SCIM tokens.');
      for (const token of tokens) {
        console.log(
          `${token.id}  ${token.prefix}…  ${token.name}  tenant ${token.tenantId}  created ${token.createdAt}  last used ${token.lastUsedAt ?? 'never'}${token.revokedAt ? `  REVOKED ${token.revokedAt}` : ''}`,
        );
      }
      return 0;
    }
    case 'revoke': {
      const target = rest[0];
      if (!target) {
        console.error(`name the token to revoke\n${usage}`);
        return 2;
      }
      const revoked = await revokeScimToken(target);
      console.log(revoked > 0 ? `Revoked ${revoked} token(s).` : `No active token with id or prefix "${target}".`);
      return revoked > 0 ? 0 : 1;
    }
    default:
      console.error(usage);
      return 2;
  }
}
