import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What the production shape runs, as `bash scripts/tools.sh --production` provides it (the npm
 * script `pretest:production` runs it), and the build output the Dockerfile ships (`npm run build`).
 */
export const productionPaths = {
  /** Temporal server v1.29.1 and its schema tool (temporal-sql-tool in the admin-tools image). */
  temporalServer: path.join(root, '.tools/bin/server'),
  sqlTool: path.join(root, '.tools/bin/sql'),
  /** The Temporal CLI, for the register script (the admin-tools image has its own). */
  temporalCli: path.resolve(root, process.env.TEMPORAL_CLI_PATH ?? '.tools/bin/temporal'),
  /** Copied from the server's Go module: the versioned PostgreSQL schema and the Docker config template. */
  schemaDir: path.join(root, '.tools/temporal-server/schema/postgresql/v12'),
  configTemplate: path.join(root, '.tools/temporal-server/config_template.yaml'),
  postgresBin: process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin',
  mongod: path.resolve(root, process.env.MONGOD_PATH ?? '.tools/mongodb/mongod'),
  /** Caddy v2.11.9, the proxy in front of the APIs (compose's caddy:2.11.9 image). */
  caddy: path.resolve(root, process.env.CADDY_PATH ?? '.tools/bin/caddy'),
  /** Shared with docker-compose.yml, so the command proves what compose runs. */
  setupSchemaScript: path.join(root, 'deploy/temporal/setup-schema.sh'),
  registerScript: path.join(root, 'deploy/temporal/register.sh'),
  dynamicConfig: path.join(root, 'deploy/temporal/dynamicconfig.yaml'),
  caddyfile: path.join(root, 'deploy/caddy/Caddyfile'),
  dist: path.join(root, 'dist'),
};

/** Fails early, naming the command that provides what is missing. */
export function assertProductionTools() {
  const missing = (
    [
      [productionPaths.temporalServer, 'bash scripts/tools.sh --production'],
      [productionPaths.sqlTool, 'bash scripts/tools.sh --production'],
      [productionPaths.schemaDir, 'bash scripts/tools.sh --production'],
      [productionPaths.configTemplate, 'bash scripts/tools.sh --production'],
      [productionPaths.temporalCli, 'bash scripts/tools.sh'],
      [productionPaths.mongod, 'bash scripts/tools.sh'],
      [productionPaths.caddy, 'bash scripts/tools.sh --production'],
      [path.join(productionPaths.postgresBin, 'initdb'), 'bash scripts/tools.sh --production (or set POSTGRES_BIN_DIR)'],
      [path.join(productionPaths.dist, 'api/main.js'), 'npm run build'],
      [path.join(productionPaths.dist, 'worker/main.js'), 'npm run build'],
      [path.join(productionPaths.dist, 'workflow-bundle.js'), 'npm run build'],
    ] as const
  ).filter(([file]) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`the production shape is missing:\n${missing.map(([file, fix]) => `  ${file} (run: ${fix})`).join('\n')}`);
  }
}
