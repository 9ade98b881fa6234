import { randomInt } from 'node:crypto';
import net from 'node:net';

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

/** A tuple of `N` ports when the count is a literal, so destructured ports are numbers. */
type Ports<N extends number, Taken extends number[] = []> = number extends N ? number[] : Taken['length'] extends N ? Taken : Ports<N, [...Taken, number]>;

/** `count` distinct ports free on 127.0.0.1, each in [10000, 32767]. */
export async function freeLowPorts<N extends number>(count: N): Promise<Ports<N>> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt > 1_000) throw new Error(`no ${count} free ports below ${TEMPORAL_PORT_CEILING + 1}`);
    const port = randomInt(10_000, TEMPORAL_PORT_CEILING + 1);
    if (!ports.has(port) && (await canListen(port))) ports.add(port);
  }
  return [...ports] as Ports<N>;
}
