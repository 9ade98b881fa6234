/**
 * What the benchmarks start alike: the tools' paths, mongod in the bench's scratch folder, and the
 * worker and the API as processes of their own (as production runs them), each with the
 * environment the bench gives it.
 * Diagnostics: BENCH_WORKER_OUTPUT=1 / BENCH_API_OUTPUT=1 show a process's log,
 * BENCH_WORKER_NODE_OPTIONS / BENCH_API_NODE_OPTIONS pass flags to the worker's / the API's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, killWithThisProcess, ManagedChild } from '../embedded/child-process.js';
import { startMongod } from '../embedded/mongod.js';
import { startTemporalDevServer } from '../embedded/temporal-dev-server.js';

export const benchRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every process a bench starts, SIGKILLed when the bench ends however it ends: a bench stopped with
 * Ctrl-C or SIGTERM used to leave its workers running, taking the cores of whatever ran next.
 */
const started: Array<() => ManagedChild | undefined> = [];
let tied = false;
export function ownedByBench<T extends ManagedChild | (() => ManagedChild | undefined)>(child: T): T {
  started.push(typeof child === 'function' ? child : () => child);
  if (!tied) {
    tied = true;
    killWithThisProcess(() => {
      for (const current of started) current()?.killNow();
    });
  }
  return child;
}

/** A tool's path: the variable that names it, or its place in `.tools/`. */
export const benchTool = (name: string, fallback: string) => path.resolve(benchRoot, process.env[name] ?? fallback);

/** mongod in the bench's scratch folder; `cacheSizeGb` sizes its WiredTiger cache (embedded/mongod.ts's default: 1 GB). */
export async function startBenchMongod(scratch: string, cacheSizeGb?: number) {
  const port = await freePort();
  const mongod = ownedByBench(
    await startMongod({
      binaryPath: benchTool('MONGOD_PATH', '.tools/mongodb/mongod'),
      port,
      dataDir: path.join(scratch, 'mongodb'),
      cacheSizeGb,
      output: 'quiet',
    }),
  );
  return { mongod, port };
}

/** The Temporal CLI's dev server on SQLite, as `npm start` runs it. */
export async function startBenchTemporal(dir: string) {
  const port = await freePort();
  const server = ownedByBench(
    await startTemporalDevServer({
      cliPath: benchTool('TEMPORAL_CLI_PATH', '.tools/bin/temporal'),
      port,
      dbFile: path.join(dir, 'temporal.db'),
      output: 'quiet',
    }),
  );
  return { server, address: `127.0.0.1:${port}` };
}

/**
 * One of the service's entry points in its own node, as its npm start script runs it, with the
 * environment the bench gives it; BENCH_<NAME>_NODE_OPTIONS and BENCH_<NAME>_OUTPUT as in this file's header.
 */
function startEntryProcess(name: 'worker' | 'api', env: Record<string, string>) {
  const variable = `BENCH_${name.toUpperCase()}`;
  return ownedByBench(
    new ManagedChild({
      name,
      command: process.execPath,
      args: [...(process.env[`${variable}_NODE_OPTIONS`]?.split(' ') ?? []), '--import', 'tsx', path.join(benchRoot, `${name}/main.ts`)],
      env,
      output: process.env[`${variable}_OUTPUT`] ? 'prefixed' : 'quiet',
    }),
  );
}

/** worker/main.ts in its own node, as `npm run start:worker` runs it. */
export const startWorkerProcess = (env: Record<string, string>) => startEntryProcess('worker', env);

/** api/main.ts in its own node, as `npm run start:api` runs it: its event loop shares nothing with the load generator. */
export const startApiProcess = (env: Record<string, string>) => startEntryProcess('api', env);

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'the condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
