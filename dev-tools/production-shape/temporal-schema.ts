import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { productionPaths } from './paths.js';

const run = promisify(execFile);

export interface SchemaTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * Temporal's two databases (`temporal`, `temporal_visibility`) set up by deploy/temporal/setup-schema.sh,
 * the script docker-compose.yml's schema job runs: create-database, setup-schema -v 0.0,
 * update-schema -d on the module's versioned folders. Here the tool is the `sql` binary built from
 * go.temporal.io/server@v1.29.1 (the image's temporal-sql-tool) and the folders are the module's.
 */
export async function setupTemporalSchema(target: SchemaTarget, logFile: string) {
  try {
    const { stdout, stderr } = await run('sh', [productionPaths.setupSchemaScript], {
      env: {
        ...process.env,
        SQL_TOOL: productionPaths.sqlTool,
        SCHEMA_DIR: productionPaths.schemaDir,
        // The schema tool reads its connection from these (the password never on a command line).
        SQL_PLUGIN: 'postgres12',
        SQL_HOST: target.host,
        SQL_PORT: String(target.port),
        SQL_USER: target.user,
        SQL_PASSWORD: target.password,
      },
      maxBuffer: 32 * 1024 * 1024,
    });
    fs.writeFileSync(logFile, stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    fs.writeFileSync(logFile, stdout + stderr);
    throw new Error(`Temporal's schema set-up failed (log: ${logFile}):\n${(stdout + stderr).trim().split('\n').slice(-10).join('\n')}`, { cause: error });
  }
}
