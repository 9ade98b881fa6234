import { describe, expect, it } from 'vitest';
import { sharedResult } from '../../api/health/shared-result.js';

describe('sharedResult (the /readyz probe cache)', () => {
  it('runs one probe for concurrent callers and reuses its result within the ttl', async () => {
    let clock = 0;
    let probes = 0;
    let release!: () => void;
    const probe = () => {
      probes += 1;
      return new Promise<number>((resolve) => (release = () => resolve(probes)));
    };
    const read = sharedResult(probe, 1_000, () => clock);
    const concurrent = [read(), read(), read()];
    release();
    expect(await Promise.all(concurrent)).toEqual([1, 1, 1]);
    clock = 999;
    expect(await read()).toBe(1);
    expect(probes).toBe(1);

    clock = 1_000;
    const next = read();
    release();
    expect(await next).toBe(2);
  });

  it('does not keep a failed probe: the next call probes again', async () => {
    let calls = 0;
    const read = sharedResult(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
        return 'up';
      },
      1_000,
      () => 0,
    );
    await expect(read()).rejects.toThrow('down');
    expect(await read()).toBe('up');
  });
});
