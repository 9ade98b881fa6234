import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Where the child's output goes: prefixed to our stdout, or dropped (tests keep their output clean). */
  output?: 'prefixed' | 'quiet';
  /** Run as this account (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

/** A child process we own: prefixed logs, and a stop() that escalates to SIGKILL so nothing is left behind. */
export class ManagedChild {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  /** The last lines it printed, kept even when quiet: what a start-up failure reports. */
  readonly recentOutput: string[] = [];
  private stopping = false;

  constructor(readonly options: ChildOptions) {
    this.process = spawn(options.command, options.args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.recentOutput.push(line);
        if (this.recentOutput.length > 20) this.recentOutput.shift();
        // Shutdown chatter (connection refused while siblings stop) would bury the useful last lines.
        if (options.output !== 'quiet' && !this.stopping) process.stdout.write(`[${options.name}] ${line}\n`);
      });
    }
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code) => resolve(code));
      this.process.once('error', (error) => {
        process.stderr.write(`[${options.name}] failed to start: ${error.message}\n`);
        resolve(null);
      });
    });
  }

  get running() {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  get isStopping() {
    return this.stopping;
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const exitedInTime = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!exitedInTime) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }

  /** SIGKILL without waiting, for a process that is exiting anyway (killWithThisProcess). */
  killNow() {
    if (this.running) this.process.kill('SIGKILL');
  }

  /** Simulates a crash: no chance to clean up. */
  async kill(): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    this.process.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * Ties what `killNow` kills to this process's life: run when the process exits, and when a signal
 * (Ctrl-C, a runner stopping it) ends it, which would otherwise skip 'exit' and leave the children
 * running on a shared machine; the process then dies of that same signal. Returns the untie.
 */
export function killWithThisProcess(killNow: () => void): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    killNow();
    process.kill(process.pid, signal);
  };
  process.once('exit', killNow);
  for (const signal of signals) process.once(signal, onSignal);
  return () => {
    process.removeListener('exit', killNow);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
}

export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000, isAlive: () => boolean = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before listening on ${host}:${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
