import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls until `check` passes or the time is up, then rethrows its last failure. This waits for
 * an outcome; it asserts nothing about how long the outcome took.
 */
export async function eventually<T>(check: () => Promise<T> | T, { timeoutMs = 30_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
