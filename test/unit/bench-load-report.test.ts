import { describe, expect, it } from 'vitest';
import { loadTable, percentile, sendRate, summarize, type Answer } from '../../bench/load-report.js';

/** `count` answers sent 1000/rate ms apart, with latencies 1..count ms and the given statuses. */
const evenly = (count: number, rate: number, status: (i: number) => number = () => 200): Answer[] =>
  Array.from({ length: count }, (_, i) => ({ status: status(i), ms: i + 1, sentAt: 5_000 + (i * 1000) / rate }));

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.95)).toBeNaN();
  });
});

describe('sendRate', () => {
  it('gives the arrival rate of evenly spaced sends', () => expect(sendRate(evenly(250, 50))).toBeCloseTo(50, 6));
  it('is undefined below two sends', () => expect(sendRate(evenly(1, 50))).toBeNaN());
});

describe('summarize', () => {
  const accept = { name: 'registration accept', load: '10 concurrent users', p95GoalMs: 400 };
  const onboarding = { name: 'onboarding trigger', load: '50 requests/s', targetRate: 50 };

  it('meets a latency goal with no failures', () => {
    const row = summarize(accept, { answers: evenly(100, 30), errors: 0, timeouts: 0 });
    expect(row).toMatchObject({ requests: 100, failed: 0, failures: [], p50: 50, p95: 95, p99: 99, met: true, goal: 'p95 < 400 ms, no errors' });
  });

  it('misses a latency goal at or above it', () => {
    const slow = evenly(100, 30).map((answer) => ({ ...answer, ms: answer.ms * 10 }));
    expect(summarize(accept, { answers: slow, errors: 0, timeouts: 0 })).toMatchObject({ p95: 950, met: false });
  });

  it('counts non-2xx answers and connection errors as failures, by kind', () => {
    const row = summarize(accept, { answers: evenly(100, 30, (i) => (i < 3 ? 410 : i === 3 ? 500 : 200)), errors: 3, timeouts: 1 });
    expect(row.requests).toBe(103);
    expect(row.failed).toBe(7);
    expect(row.failures).toEqual(['410 ×3', '500 ×1', '2 connection errors', '1 timeout']);
    expect(row.met).toBe(false);
  });

  it('holds a rate within 5 %, not below', () => {
    expect(summarize(onboarding, { answers: evenly(200, 48), errors: 0, timeouts: 0 })).toMatchObject({ met: true, goal: '50/s held, no errors' });
    expect(summarize(onboarding, { answers: evenly(200, 40), errors: 0, timeouts: 0 }).met).toBe(false);
  });

  it('never meets a goal with no answers', () => expect(summarize(onboarding, { answers: [], errors: 2, timeouts: 2 }).met).toBe(false));
});

describe('loadTable', () => {
  it('prints one Markdown row per scenario with its failures and verdict', () => {
    const rows = [
      summarize({ name: 'a', load: '10 concurrent users', p95GoalMs: 400 }, { answers: evenly(100, 20), errors: 0, timeouts: 0 }),
      summarize({ name: 'b', load: '50 requests/s', targetRate: 50 }, { answers: evenly(100, 50, (i) => (i === 0 ? 503 : 201)), errors: 0, timeouts: 0 }),
    ];
    const [header, separator, first, second] = loadTable(rows);
    expect(header!.split('|').length).toBe(separator!.split('|').length);
    expect(first).toBe('| a | 10 concurrent users | 100 | 0 | 20.0/s | 50.0 | 95.0 | 99.0 | p95 < 400 ms, no errors | yes |');
    expect(second).toBe('| b | 50 requests/s | 100 | 503 ×1 | 50.0/s | 50.0 | 95.0 | 99.0 | 50/s held, no errors | NO |');
  });
});
