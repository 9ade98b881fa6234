/**
 * From what a load run saw (every answer's status, latency and send time, and the requests that got
 * no answer) to the figures bench:api prints: percentiles, the rate achieved, the failures, and
 * whether the goal is met. Pure, so test/unit/bench-load-report.test.ts checks it.
 */

export interface Answer {
  status: number;
  /** From sending the request to the end of its answer. */
  ms: number;
  /** When the request was sent, ms on any monotonic clock. */
  sentAt: number;
}

export interface LoadRun {
  answers: Answer[];
  /** Requests that got no answer: connection errors, timeouts included. */
  errors: number;
  timeouts: number;
}

export interface Scenario {
  name: string;
  /** How the load was applied, in words: "10 concurrent users", "50 requests/s". */
  load: string;
  /** The arrival rate asked for, requests/s (rate-driven scenarios). */
  targetRate?: number;
  /** p95 must stay below this. */
  p95GoalMs?: number;
}

export interface LoadRow {
  scenario: Scenario;
  requests: number;
  /** Errors, timeouts and non-2xx answers, each count by kind: "410 ×3", "2 connection errors". */
  failures: string[];
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests sent per second, from the first send to the last. */
  rate: number;
  goal: string;
  met: boolean;
}

/** A run that kept up: at least this share of the target rate. */
export const RATE_TOLERANCE = 0.95;

/** Nearest-rank percentile of values sorted ascending (the value at or below which `share` of them lie). */
export function percentile(sorted: number[], share: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** Requests per second between the first and the last send: n evenly spaced sends 1/R s apart give R. */
export function sendRate(answers: Answer[]) {
  if (answers.length < 2) return Number.NaN;
  const sent = answers.map((answer) => answer.sentAt);
  const span = (Math.max(...sent) - Math.min(...sent)) / 1000;
  return span > 0 ? (answers.length - 1) / span : Number.NaN;
}

export function summarize(scenario: Scenario, run: LoadRun): LoadRow {
  const latencies = run.answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const byStatus = new Map<number, number>();
  for (const answer of run.answers) if (answer.status < 200 || answer.status > 299) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  const failures = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`);
  const connectionErrors = run.errors - run.timeouts;
  if (connectionErrors > 0) failures.push(`${connectionErrors} connection error${connectionErrors === 1 ? '' : 's'}`);
  if (run.timeouts > 0) failures.push(`${run.timeouts} timeout${run.timeouts === 1 ? '' : 's'}`);
  const failed = [...byStatus.values()].reduce((sum, count) => sum + count, 0) + run.errors;

  const p95 = percentile(latencies, 0.95);
  const rate = sendRate(run.answers);
  const goals: string[] = [];
  let met = failed === 0 && run.answers.length > 0;
  if (scenario.p95GoalMs !== undefined) {
    goals.push(`p95 < ${scenario.p95GoalMs} ms`);
    met &&= p95 < scenario.p95GoalMs;
  }
  if (scenario.targetRate !== undefined) {
    goals.push(`${scenario.targetRate}/s held`);
    met &&= rate >= scenario.targetRate * RATE_TOLERANCE;
  }
  goals.push('no errors');
  return {
    scenario,
    requests: run.answers.length + run.errors,
    failures,
    failed,
    p50: percentile(latencies, 0.5),
    p95,
    p99: percentile(latencies, 0.99),
    rate,
    goal: goals.join(', '),
    met,
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));

/** The figures as a Markdown table, ready for docs/benchmarks.md. */
export function loadTable(rows: LoadRow[]) {
  return [
    '| scenario | load | requests | errors / non-2xx | achieved rate | p50 ms | p95 ms | p99 ms | goal | met |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | :---: |',
    ...rows.map(
      (row) =>
        `| ${row.scenario.name} | ${row.scenario.load} | ${row.requests.toLocaleString('en')} | ${row.failed === 0 ? '0' : row.failures.join(', ')} | ${Number.isNaN(row.rate) ? '–' : `${row.rate.toFixed(1)}/s`} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.goal} | ${row.met ? 'yes' : 'NO'} |`,
    ),
  ];
}
