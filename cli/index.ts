import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { connectMongo, disconnectMongo } from '../data/connect.js';
import { createUseCases, type UseCases } from '../use-cases/index.js';
import { adminsCommand } from './admins.js';
import { apiKeysCommand } from './api-keys.js';
import { scimTokensCommand } from './scim-tokens.js';

const commands: Record<string, (args: string[], useCases: UseCases) => Promise<number>> = {
  'api-keys': apiKeysCommand,
  admins: adminsCommand,
  'scim-tokens': scimTokensCommand,
};
const [name, ...args] = process.argv.slice(2);
const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!command) {
  console.error(`usage: npm run cli -- <${Object.keys(commands).join('|')}> …`);
  process.exit(2);
}

const config = exitOnConfigError(loadConfig);
await connectMongo(config.mongoUrl);
// Accounts, keys and tokens need no Temporal server: the connection is only dialled if a use-case asks for it.
const connection = Connection.lazy({ address: config.temporalAddress });
try {
  process.exitCode = await command(args, createUseCases({ config, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) }));
} finally {
  await connection.close().catch(() => undefined);
  await disconnectMongo();
}
