/** The promise's answer, or an error once `ms` pass without one: a probe of a hung dependency must still answer. */
export const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
