import fs from 'node:fs';
import readline from 'node:readline';
import { ManagedChild, type ChildOptions } from '../../embedded/child-process.js';

/**
 * A ManagedChild whose output goes to a log file in the scratch folder (a failing run keeps the
 * evidence; the test output stays readable), with a way to wait for a line it prints.
 */
export function loggedChild(options: Omit<ChildOptions, 'output'> & { logFile: string }) {
  const child = new ManagedChild({ ...options, output: 'quiet' });
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.process.stdout, child.process.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      for (const listener of listeners) listener(line);
    });
  }
  void child.exited.then(() => log.end());
  return {
    child,
    /** Resolves on the first line matching `pattern`; rejects if the process exits first or time runs out. */
    waitForLine(pattern: RegExp, timeoutMs: number) {
      return new Promise<string>((resolve, reject) => {
        const done = (settle: () => void) => {
          listeners.delete(onLine);
          clearTimeout(timer);
          settle();
        };
        const onLine = (line: string) => {
          if (pattern.test(line)) done(() => resolve(line));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${options.name}: no line matching ${pattern} within ${timeoutMs} ms (log: ${options.logFile})`))),
          timeoutMs,
        );
        listeners.add(onLine);
        void child.exited.then((code) =>
          done(() => reject(new Error(`${options.name} exited (code ${code}) before printing ${pattern} (log: ${options.logFile})`))),
        );
      });
    },
  };
}

/** The last lines of a log file, to put in an error message. */
export function logTail(file: string, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
