import fs from 'node:fs';
import path from 'node:path';
import { customSearchAttributes } from '../domain/search-attributes.js';
import { ManagedChild, waitForPort } from './child-process.js';

export interface TemporalServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** SQLite file; omitted = in-memory (tests that do not restart the server). */
  dbFile?: string;
  output?: 'prefixed' | 'quiet';
}

/**
 * SQLite pragmas for the dev server. WAL lets readers (the UI, visibility queries) run beside the
 * writer, and synchronous=normal stops every history append from waiting on an fsync: a dev store
 * may lose the last moments of work on power loss, never its consistency.
 */
export const SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

/** Runs the real Temporal dev server (the Temporal CLI) with our search attributes registered. */
export async function startTemporalDevServer(options: TemporalServerOptions) {
  if (!fs.existsSync(options.cliPath)) {
    throw new Error(`Temporal CLI not found at ${options.cliPath}: run "npm run tools" (or set TEMPORAL_CLI_PATH)`);
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    for (const pragma of SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  for (const key of customSearchAttributes) args.push('--search-attribute', `${key.name}=Keyword`);
  // Updates carry registration; eager start lets a migration hand new lifecycles straight to its worker.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  args.push('--dynamic-config-value', 'system.enableEagerWorkflowStart=true');

  // The dev server picks its internal services' ports itself, free when it looks and bound a moment
  // later: another process starting at the same time can take one first, and the server exits. Rare,
  // and gone on a second try.
  for (let attempt = 1; ; attempt++) {
    const child = new ManagedChild({ name: 'temporal', command: options.cliPath, args, output: options.output });
    try {
      await waitForPort(options.port, '127.0.0.1', 60_000, () => child.running);
      if (options.uiPort) await waitForPort(options.uiPort, '127.0.0.1', 30_000, () => child.running);
      return child;
    } catch (error) {
      const exitedByItself = !child.running;
      await child.stop(5_000);
      if (exitedByItself && attempt < 3) continue;
      throw new Error(`the Temporal dev server did not start: ${(error as Error).message}\n${child.recentOutput.join('\n')}`, { cause: error });
    }
  }
}
