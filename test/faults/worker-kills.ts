import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { AppProcess } from '../../dev-tools/production-shape/app-process.js';
import { eventually } from '../harness/eventually.js';

export interface WorkerKill {
  worker: string;
  /** Distinct invitations the receiver had when the SIGKILL went out. */
  invitationsOut: number;
  at: number;
}

export interface WorkerKillPlan {
  workers: AppProcess[];
  kills: number;
  /** Invitations the migration sends in all, and how many are out now. */
  total: number;
  invitationsOut: () => number;
  /** Longest wait for the next kill's moment (the migration stalled, every worker down). */
  stallTimeoutMs: number;
  /** Each kill waits a random part of this once its moment has come (see below). */
  jitterMs: number;
}

/**
 * SIGKILLs worker processes `kills` times during a migration, each restarted at once (a crashed
 * container brought back). The kills are paced by the migration itself, not by a clock: kill k
 * waits until k/kills of 90 % of the invitations are out, so every kill falls while lifecycles are
 * still being started and invited, the last one well before the end whatever the machine's speed.
 * Only a worker that is up (polling) is killed, the one up the longest, so the kill hits a
 * process that has taken work; the others carry on meanwhile.
 *
 * A moment noticed on the receiver comes right after it accepted a message, when its sender is
 * inside the window a kill can make it resend (docs/benchmarks.md "Fault runs"): a kill there is not a crash
 * at a random time but one aimed at that window. So each kill waits a random part of `jitterMs`
 * (far longer than the window) first, which makes its moment independent of the sends.
 */
export async function killWorkersDuringMigration(plan: WorkerKillPlan): Promise<WorkerKill[]> {
  const kills: WorkerKill[] = [];
  const upSince = new Map<AppProcess, number>(plan.workers.filter((worker) => worker.running).map((worker) => [worker, 0]));
  const restarts: Promise<void>[] = [];
  let failedRestart: unknown;

  for (let k = 1; k <= plan.kills; k++) {
    const moment = Math.floor((k * 0.9 * plan.total) / plan.kills);
    const target = await eventually(
      () => {
        if (failedRestart) throw failedRestart;
        expect(plan.invitationsOut()).toBeGreaterThanOrEqual(moment);
        const [longestUp] = [...upSince].sort(([, a], [, b]) => a - b);
        expect(longestUp, 'a worker that is up').toBeDefined();
        return longestUp![0];
      },
      { timeoutMs: plan.stallTimeoutMs, intervalMs: 50 },
    );
    await sleep(randomInt(plan.jitterMs));
    upSince.delete(target);
    kills.push({ worker: target.name, invitationsOut: plan.invitationsOut(), at: Date.now() });
    await target.kill();
    restarts.push(
      target.start().then(
        () => void upSince.set(target, Date.now()),
        (error: unknown) => void (failedRestart = error),
      ),
    );
  }
  await Promise.all(restarts);
  if (failedRestart) throw failedRestart;
  return kills;
}
