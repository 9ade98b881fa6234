import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, loggedChild } from './logged-child.js';

const run = promisify(execFile);

export interface PostgresOptions {
  binDir: string;
  /** A scratch folder of its own: the cluster goes in `data/`, the log beside it. */
  dir: string;
  port: number;
  /** The superuser Temporal connects as (docker-compose.yml: POSTGRES_USER=temporal). */
  user: string;
  password: string;
  /**
   * Connections allowed. PostgreSQL's default is 100; a Temporal server opens up to
   * maxConns (20) + visibility maxConns (10) per service, four services in one process.
   */
  maxConnections?: number;
}

/**
 * PostgreSQL's initdb and server refuse to run as root. As root (CI, containers) the cluster
 * belongs to the `postgres` account that Debian's package creates; otherwise to us.
 */
function runAs() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':').slice(2, 4).map(Number);
    if (Number.isInteger(uid) && Number.isInteger(gid) && uid !== 0) return { uid: uid!, gid: gid! };
  } catch {
    // no such account: said below
  }
  throw new Error(
    'running as root, PostgreSQL needs an unprivileged account: create the "postgres" user (Debian\'s postgresql-15 package does) or run as another user',
  );
}

/**
 * Until the server accepts connections, not only its port: it opens the port while still starting
 * up, and answers "the database system is starting up" until then (CI's Temporal schema set-up met
 * that once). pg_isready exits 0 once it accepts, 1 while it refuses, 2 while nothing answers yet.
 */
async function acceptingConnections(binDir: string, port: number, child: { running: boolean }, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await run(path.join(binDir, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
      return;
    } catch (error) {
      if (!child.running) throw new Error('PostgreSQL exited while starting', { cause: error });
      if (Date.now() > deadline) throw new Error(`PostgreSQL not accepting connections within ${timeoutMs} ms`, { cause: error });
      await sleep(100);
    }
  }
}

/**
 * A throwaway PostgreSQL 15 cluster on 127.0.0.1:`port`, password authentication over TCP (as
 * Temporal connects to the postgres:15 container), no Unix socket. The server is our child
 * process (not pg_ctl's daemon), so stop() or a crash of ours never leaves it behind unnoticed.
 */
export async function startPostgres(options: PostgresOptions) {
  const owner = runAs();
  const dataDir = path.join(options.dir, 'data');
  const logFile = path.join(options.dir, 'postgres.log');
  const passwordFile = path.join(options.dir, 'initdb-password');
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  if (owner) fs.chownSync(options.dir, owner.uid, owner.gid);
  // initdb reads the superuser's password from a file (never a command line), removed right after.
  fs.writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (owner) fs.chownSync(passwordFile, owner.uid, owner.gid);
  try {
    await run(
      path.join(options.binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        options.user,
        `--pwfile=${passwordFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=peer',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      { ...owner, env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? error}`, { cause: error });
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '# dev-tools/production-shape/postgres.ts',
      `port = ${options.port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      `max_connections = ${options.maxConnections ?? 200}`,
      '',
    ].join('\n'),
  );

  const { child } = loggedChild({ name: 'postgres', command: path.join(options.binDir, 'postgres'), args: ['-D', dataDir], logFile, ...owner });
  try {
    await acceptingConnections(options.binDir, options.port, child);
  } catch (error) {
    await child.stop(5_000);
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${logTail(logFile)}`, { cause: error });
  }
  return {
    port: options.port,
    child,
    logFile,
    /** SIGINT is PostgreSQL's "fast" shutdown: it ends the sessions and checkpoints. */
    async stop() {
      if (!child.running) return;
      child.process.kill('SIGINT');
      const exited = await Promise.race([child.exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!exited) await child.kill();
    },
  };
}
