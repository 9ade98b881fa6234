import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Ports below the kernel's ephemeral range (what port 0 gives starts at 32768), checked free, for
 * two reasons. Temporal's PostgreSQL schema stores each service's membership port in a SMALLINT
 * column (cluster_membership.rpc_port), so a port above 32767 stops the server at start-up ("value
 * out of range for type smallint"). And a part the fault suite stops and starts again (the SMTP
 * receiver, mongod, an API) must find its port free when it comes back: in the ephemeral range,
 * any outgoing connection meanwhile may be given that port as its own, a client retrying against
 * the stopped port even connecting to itself, and the restart fails with EADDRINUSE.
 */
export const TEMPORAL_PORT_CEILING = 32_767;

function canListen(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Ports this process took, so that another process choosing at the same moment (CI runs the
 * production lane and the fault suite side by side, each with a shape of its own) never takes
 * one before its owner listens on it: a file per port, created only if absent, naming the owner's
 * pid. Removed when this process exits; one left by a process killed before its exit handler ran
 * is swept after a day (no shape lives that long).
 */
const reservations = path.join(os.tmpdir(), 'activation-production-ports');
const STALE_MS = 86_400_000;
const mine: string[] = [];
let swept = false;

function sweep() {
  swept = true;
  for (const name of fs.readdirSync(reservations)) {
    const file = path.join(reservations, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
}

function reserve(port: number) {
  fs.mkdirSync(reservations, { recursive: true });
  if (!swept) sweep();
  const file = path.join(reservations, String(port));
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    // Taken by another process (or left by a killed one: skipped until swept).
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  if (mine.length === 0) process.once('exit', () => mine.forEach((owned) => fs.rmSync(owned, { force: true })));
  mine.push(file);
  return true;
}

/** A tuple of `N` ports when the count is a literal, so destructured ports are numbers. */
type Ports<N extends number, Taken extends number[] = []> = number extends N ? number[] : Taken['length'] extends N ? Taken : Ports<N, [...Taken, number]>;

/** `count` distinct ports free on 127.0.0.1, each in [10000, 32767]. */
export async function freeLowPorts<N extends number>(count: N): Promise<Ports<N>> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt > 1_000) throw new Error(`no ${count} free ports below ${TEMPORAL_PORT_CEILING + 1}`);
    const port = randomInt(10_000, TEMPORAL_PORT_CEILING + 1);
    if (!ports.has(port) && (await canListen(port)) && reserve(port)) ports.add(port);
  }
  return [...ports] as Ports<N>;
}
