import { randomInt } from 'node:crypto';
import net from 'node:net';

/**
 * Temporal's PostgreSQL schema stores each service's membership port in a SMALLINT column
 * (cluster_membership.rpc_port), so a port above 32767 stops the server at start-up ("value out
 * of range for type smallint"). The kernel's ephemeral range (what port 0 gives) starts at 32768,
 * so the server's ports are picked here, below it, and checked free.
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

/** `count` distinct ports free on 127.0.0.1, each in [10000, 32767]. */
export async function freeLowPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt > 1_000) throw new Error(`no ${count} free ports below ${TEMPORAL_PORT_CEILING + 1}`);
    const port = randomInt(10_000, TEMPORAL_PORT_CEILING + 1);
    if (!ports.has(port) && (await canListen(port))) ports.add(port);
  }
  return [...ports];
}
