import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from '../../embedded/child-process.js';
import { logTail, loggedChild } from './logged-child.js';
import { productionPaths } from './paths.js';

/**
 * The loopback address the proxy connects to the APIs from, and so the one address in their
 * TRUST_PROXY: a client on this machine connects from 127.0.0.1 (or an address it binds), never
 * from this one, so whatever X-Forwarded-For it sends an API directly is not believed.
 */
export const PROXY_SOURCE_ADDRESS = '127.0.0.10';

export interface ProxyOptions {
  /** Scratch folder for Caddy's storage and autosaved config. */
  dir: string;
  logFile: string;
  port: number;
  /** Each API's `host:port`. */
  upstreams: string[];
}

/**
 * docker-compose.yml's `proxy`: Caddy with deploy/caddy/Caddyfile and the variables compose gives
 * it. PUBLIC_URL is http://127.0.0.1:<port> here (no certificate to obtain on a test machine), and
 * PROXY_SOURCE_ADDRESS a loopback address of its own, as in compose its fixed address on `edge`.
 */
export async function startProxy(options: ProxyOptions) {
  const url = `http://127.0.0.1:${options.port}`;
  fs.mkdirSync(options.dir, { recursive: true });
  const { child } = loggedChild({
    name: 'caddy',
    command: productionPaths.caddy,
    args: ['run', '--config', productionPaths.caddyfile, '--adapter', 'caddyfile'],
    env: {
      PUBLIC_URL: url,
      API_UPSTREAMS: options.upstreams.join(' '),
      PROXY_SOURCE_ADDRESS,
      // Caddy's storage and autosaved config go in the scratch folder, not the home folder.
      XDG_DATA_HOME: path.join(options.dir, 'data'),
      XDG_CONFIG_HOME: path.join(options.dir, 'config'),
    },
    logFile: options.logFile,
  });
  try {
    await waitForPort(options.port, '127.0.0.1', 30_000, () => child.running);
  } catch (error) {
    await child.stop(5_000);
    throw new Error(`Caddy did not start: ${(error as Error).message}\n${logTail(options.logFile)}`, { cause: error });
  }
  return { url, child, logFile: options.logFile, sourceAddress: PROXY_SOURCE_ADDRESS };
}
