import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedChild } from '../../embedded/child-process.js';
import { logTail, loggedChild } from './logged-child.js';
import { productionPaths } from './paths.js';

export type AppRole = 'api' | 'worker';

/**
 * One of this service's processes as production runs it: `node dist/api/main.js` or
 * `node dist/worker/main.js` (the Dockerfile's commands) with NODE_ENV=production. It can be
 * killed without warning (SIGKILL) and started again, as a crashed container is restarted.
 */
export class AppProcess {
  private current?: ManagedChild;
  /** How many times it was started (1 + restarts). */
  starts = 0;

  constructor(
    readonly name: string,
    readonly role: AppRole,
    /** The whole environment it gets on top of ours, like compose's `environment:`. */
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get logFile() {
    return path.join(this.logDir, `${this.name}.log`);
  }

  get pid() {
    return this.current?.process.pid;
  }

  get running() {
    return this.current?.running ?? false;
  }

  /** The API's address (APIs only). */
  get url() {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(timeoutMs = 90_000) {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts++;
    const { child, waitForLine } = loggedChild({
      name: this.name,
      command: process.execPath,
      args: [path.join(productionPaths.dist, this.role, 'main.js')],
      env: { ...this.env, NODE_ENV: 'production' },
      logFile: this.logFile,
    });
    this.current = child;
    try {
      // Ready means: an API answers its liveness probe; a worker says it polls its task queues.
      if (this.role === 'api') await this.waitForHealth(timeoutMs);
      else await waitForLine(/worker polling/, timeoutMs);
    } catch (error) {
      await child.kill();
      throw new Error(`${this.name} did not start: ${(error as Error).message}\n${logTail(this.logFile)}`, { cause: error });
    }
  }

  private async waitForHealth(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error('it exited');
      const ok = await fetch(`${this.url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`/healthz did not answer within ${timeoutMs} ms`);
  }

  /** SIGKILL without waiting, for a test process that is exiting anyway. */
  killNow() {
    this.current?.killNow();
  }

  /** A crash: SIGKILL, no clean-up, no graceful shutdown. */
  async kill() {
    await this.current?.kill();
  }

  /** Graceful stop (SIGTERM; SIGKILL after the grace period). */
  async stop(graceMs = 30_000) {
    await this.current?.stop(graceMs);
  }
}
