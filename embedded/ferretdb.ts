import fs from 'node:fs';
import { ManagedChild, waitForPort } from './child-process.js';

export interface FerretDbOptions {
  binaryPath: string;
  port: number;
  /** Folder of SQLite files, one per database. */
  dataDir: string;
  output?: 'prefixed' | 'quiet';
}

/** Runs FerretDB 1.x on SQLite: the MongoDB wire protocol without a mongod binary. */
export async function startFerretDb(options: FerretDbOptions) {
  if (!fs.existsSync(options.binaryPath)) {
    throw new Error(`FerretDB not found at ${options.binaryPath}: run "npm run tools" (or set FERRETDB_PATH)`);
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const child = new ManagedChild({
    name: 'ferretdb',
    command: options.binaryPath,
    args: [
      '--handler=sqlite',
      // WAL is FerretDB's default; synchronous=normal stops every write waiting on an fsync
      // (as for the Temporal dev server: a dev store may lose its last moments on power loss, not its consistency).
      `--sqlite-url=file:${options.dataDir.replace(/\/?$/, '/')}?_pragma=synchronous(normal)`,
      `--state-dir=${options.dataDir}`,
      `--listen-addr=127.0.0.1:${options.port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    output: options.output,
  });
  await waitForPort(options.port, '127.0.0.1', 30_000, () => child.running);
  return child;
}
