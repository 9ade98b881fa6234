/**
 * The two load shapes bench:api applies with autocannon: users who each send their next request
 * when the last is answered (closed loop), and a steady arrival rate. Each request is made by
 * `next()` as it is sent, so every one can carry its own token or e-mail.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Answer, LoadRun } from './load-report.js';

export type LoadRequest = Pick<autocannon.Request, 'method' | 'path' | 'headers' | 'body'>;

function cannon(options: autocannon.Options, answers: Answer[]) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
    instance.on('response', (_client, status, _bytes, ms) => answers.push({ status, ms, sentAt: performance.now() - ms }));
  });
}

const requestsOf = (next: () => LoadRequest): autocannon.Request[] => [{ setupRequest: (request) => ({ ...request, ...next() }) }];

const runOf = (answers: Answer[], results: autocannon.Result[]): LoadRun => ({
  answers,
  errors: results.reduce((sum, result) => sum + result.errors, 0),
  timeouts: results.reduce((sum, result) => sum + result.timeouts, 0),
});

/** `users` connections, each sending its next request as soon as the last is answered, `amount` requests in all. */
export async function closedLoad(options: { url: string; users: number; amount: number; next: () => LoadRequest }): Promise<LoadRun> {
  const answers: Answer[] = [];
  const result = await cannon({ url: options.url, connections: options.users, amount: options.amount, requests: requestsOf(options.next) }, answers);
  return runOf(answers, [result]);
}

/**
 * `rate` requests a second for `seconds`, evenly spaced: `rate` connections sending one request a
 * second each, the i-th starting i/rate s after the first. One autocannon instance per connection,
 * because autocannon's own `overallRate` starts every connection's second at the same moment, so
 * its requests would arrive in one burst at the top of each second. A connection still waiting for
 * an answer sends its next request late: a server that cannot keep up shows as a lower achieved rate.
 */
export async function pacedLoad(options: { url: string; rate: number; seconds: number; next: () => LoadRequest }): Promise<LoadRun> {
  const answers: Answer[] = [];
  const results = await Promise.all(
    Array.from(
      { length: options.rate },
      (_, index) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          setTimeout(
            () => {
              cannon({ url: options.url, connections: 1, overallRate: 1, amount: options.seconds, requests: requestsOf(options.next) }, answers).then(
                resolve,
                reject,
              );
            },
            (index * 1000) / options.rate,
          );
        }),
    ),
  );
  return runOf(answers, results);
}
