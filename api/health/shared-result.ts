/**
 * One probe answers many callers: every call within `ttlMs` of the last result gets that result,
 * and calls that arrive while a probe runs wait for it instead of starting another. So a load
 * balancer, an orchestrator and a curious client polling /readyz cost MongoDB and Temporal one
 * probe per `ttlMs`, however often they ask.
 */
export function sharedResult<T>(probe: () => Promise<T>, ttlMs: number, now: () => number = Date.now) {
  let last: { value: T; at: number } | undefined;
  let running: Promise<T> | undefined;
  return (): Promise<T> => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.value);
    running ??= probe()
      .then((value) => {
        last = { value, at: now() };
        return value;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
