import os from 'node:os';
import fs from 'node:fs';

/** CPU milliseconds (user + system) a process has used, from /proc; 0 when it is gone. */
function cpuMs(pid: number) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks a second
  } catch {
    return 0;
  }
}

/** The pid and every live descendant's (PostgreSQL serves each connection from a forked backend). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited while listing
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/**
 * CPU time spent by each named process (or process tree) since the meter was made, and by this
 * one: on a machine whose cores every process shares, where a slower rate goes.
 */
export function cpuMeter(processes: Record<string, () => number[]>) {
  const usage = (pids: () => number[]) => pids().reduce((sum, pid) => sum + cpuMs(pid), 0);
  const self = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const start = Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, usage(pids)]));
  const selfStart = self();
  /** CPU ms per item of each named process, and of this one as `bench`. */
  const perProcess = (count: number): Record<string, number> => ({
    ...Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, (usage(pids) - start[name]!) / count])),
    bench: (self() - selfStart) / count,
  });
  return {
    perProcess,
    /** "name ms, …" per item. */
    per(count: number) {
      return Object.entries(perProcess(count))
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(', ');
    },
  };
}

export const onePid = (pid: number | undefined) => () => (pid === undefined ? [] : [pid]);

/**
 * Lowers the scheduling priority of every thread of these processes (Linux nice is per thread; a
 * thread made later inherits its maker's): the batch side of a shared machine (workers, Temporal,
 * PostgreSQL) yields the CPU to the interactive side (the API, MongoDB) when both want it.
 */
export function deprioritize(pids: number[], nice: number) {
  for (const pid of pids) {
    let threads: string[];
    try {
      threads = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited
    }
    for (const tid of threads) {
      try {
        os.setPriority(Number(tid), nice);
      } catch {
        // exited meanwhile
      }
    }
  }
}
