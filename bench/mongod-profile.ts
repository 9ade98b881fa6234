import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Where mongod's CPU goes while a bench runs, from Linux `perf` sampling its stacks (mongod ships
 * its symbols): the share of samples under each of a few frames that name what the server was
 * doing. Frames nest (an insert's index maintenance is inside the insert), so shares are inclusive.
 */
const FRAMES = [
  ['inserts', 'mongo::write_ops_exec::performInserts'],
  ['  of which index entries', 'mongo::IndexCatalogImpl::indexRecords'],
  ['updates', 'mongo::write_ops_exec::performUpdates'],
  ['finds', 'mongo::getExecutorFind'],
  ['aggregations', 'mongo::runAggregate'],
  ['cache eviction (writing dirty pages out)', '__wt_evict_thread_run'],
  ['checkpoints', 'mongo::WiredTigerKVEngine::checkpoint'],
] as const;

export type MongodCpuSplit = { name: string; share: number }[];

/** Whether `perf` can be run here (Debian's linux-perf; root or perf_event_paranoid low enough). */
function perfAvailable() {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts sampling process `pid` (299 Hz, call graphs) into `dir`; `stop()` ends it and returns the
 * split, or null with the reason when perf is missing or recorded nothing.
 */
export function profileMongod(pid: number, dir: string) {
  if (!perfAvailable()) return { stop: async () => ({ split: null, reason: 'perf is not installed (apt-get install linux-perf)' }) };
  const data = path.join(dir, 'mongod.perf.data');
  const recorder = spawn('perf', ['record', '-e', 'cpu-clock', '-F', '299', '-g', '-p', String(pid), '-o', data], { stdio: 'ignore' });
  const ended = new Promise<number | null>((resolve) => recorder.on('exit', resolve));
  return {
    async stop(): Promise<{ split: MongodCpuSplit | null; reason?: string }> {
      recorder.kill('SIGINT');
      await ended;
      let report: string;
      try {
        report = execFileSync('perf', ['report', '-i', data, '--children', '--sort', 'symbol', '--stdio'], {
          encoding: 'utf8',
          maxBuffer: 512 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch (error) {
        return { split: null, reason: `perf report failed: ${(error as Error).message.split('\n')[0]}` };
      }
      // Top-level lines: "    57.47%     0.02%  [.] mongo::IndexCatalogImpl::indexRecords"
      const inclusive = new Map<string, number>();
      for (const line of report.split('\n')) {
        const match = /^\s+([\d.]+)%\s+[\d.]+%\s+\[[.k]\]\s+(\S+)/.exec(line);
        if (match && !inclusive.has(match[2]!)) inclusive.set(match[2]!, Number(match[1]));
      }
      if (inclusive.size === 0) return { split: null, reason: 'perf recorded no samples' };
      return { split: FRAMES.map(([name, frame]) => ({ name, share: inclusive.get(frame) ?? 0 })) };
    },
  };
}
