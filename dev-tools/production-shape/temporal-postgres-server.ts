import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitForPort, type ManagedChild } from '../../embedded/child-process.js';
import { customSearchAttributes } from '../../domain/search-attributes.js';
import { logTail, loggedChild } from './logged-child.js';
import { productionPaths } from './paths.js';
import { freeLowPorts } from './ports.js';
import { sprigTemplateFromDockerize, temporalServerEnv, type TemporalPorts } from './temporal-config.js';

const run = promisify(execFile);

export interface TemporalServerOptions {
  /** Scratch folder: the rendered config goes in `config/`, the log beside it. */
  dir: string;
  postgres: { host: string; port: number; user: string; password: string };
  namespace?: string;
}

/**
 * Temporal server 1.29.1 (all four services in one process, as temporalio/server runs them) on
 * PostgreSQL, configured from the Docker image's template with the variables compose sets, the
 * dynamic config compose mounts, then registered by the script compose's job runs (namespace,
 * search attributes). Returns once the frontend answers and the namespace is ready.
 */
export async function startTemporalPostgresServer(options: TemporalServerOptions) {
  const namespace = options.namespace ?? 'default';
  const [frontendGrpc, frontendHttp, frontendMembership, historyGrpc, historyMembership, matchingGrpc, matchingMembership, workerGrpc, workerMembership] =
    await freeLowPorts(9);
  const ports: TemporalPorts = {
    frontendGrpc,
    frontendHttp,
    frontendMembership,
    historyGrpc,
    historyMembership,
    matchingGrpc,
    matchingMembership,
    workerGrpc,
    workerMembership,
  };

  // The image renders its template to config/docker.yaml and starts with --env docker: so do we.
  const configDir = path.join(options.dir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'docker.yaml'), sprigTemplateFromDockerize(fs.readFileSync(productionPaths.configTemplate, 'utf8')));

  const logFile = path.join(options.dir, 'temporal-server.log');
  const spawn = () =>
    loggedChild({
      name: 'temporal-server',
      command: productionPaths.temporalServer,
      args: ['--root', options.dir, '--config', 'config', '--env', 'docker', 'start'],
      env: temporalServerEnv({ postgres: options.postgres, dynamicConfigPath: productionPaths.dynamicConfig, ports }),
      logFile,
    }).child;
  const address = `127.0.0.1:${ports.frontendGrpc}`;
  const comeUp = async (child: ManagedChild, register: boolean) => {
    try {
      await waitForPort(ports.frontendGrpc, '127.0.0.1', 120_000, () => child.running);
      if (register) await registerNamespace(address, namespace, path.join(options.dir, 'register.log'));
    } catch (error) {
      await child.stop(5_000);
      throw new Error(`the Temporal server did not come up: ${(error as Error).message}\n${logTail(logFile)}`, { cause: error });
    }
  };
  let child = spawn();
  await comeUp(child, true);
  return {
    address,
    namespace,
    ports,
    logFile,
    /** The running server process (a new one after restart()). */
    get child() {
      return child;
    },
    /** A restart as a container's: stopped (SIGTERM), started again on the same ports; its state is in PostgreSQL. */
    async restart() {
      await child.stop(15_000);
      child = spawn();
      await comeUp(child, false);
    },
  };
}

/** deploy/temporal/register.sh, as compose's temporal-register job runs it. */
async function registerNamespace(address: string, namespace: string, logFile: string) {
  try {
    const { stdout, stderr } = await run('sh', [productionPaths.registerScript], {
      env: {
        ...process.env,
        TEMPORAL_CLI: productionPaths.temporalCli,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: namespace,
        SEARCH_ATTRIBUTES: customSearchAttributes.map((key) => key.name).join(' '),
      },
    });
    fs.writeFileSync(logFile, stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    fs.writeFileSync(logFile, stdout + stderr);
    throw new Error(`registering the namespace and search attributes failed:\n${(stdout + stderr).trim()}`, { cause: error });
  }
}
