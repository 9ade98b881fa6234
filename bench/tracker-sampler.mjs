import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The office supervisor's activation tracker as the console asks for it (through an API process,
 * with a session), one request a second, timed from a thread of its own: the bench's main thread
 * also runs the SMTP receiver, which parses every e-mail of the migration, and a response waiting
 * behind that parsing is not the tracker's time. Posts the times (ms) when told to stop. Plain
 * JavaScript: a worker thread of `tsx bench/migration.ts` does not get tsx's loader.
 */
/* global fetch -- Node 20's */
/** @type {{ url: string; cookie: string; intervalMs: number }} */
const { url, cookie, intervalMs } = workerData;
let running = true;
parentPort.on('message', (message) => {
  if (message === 'stop') running = false;
});
/** @type {number[]} */
const times = [];
while (running) {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: 'application/json' } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  times.push(performance.now() - started);
  await sleep(intervalMs);
}
parentPort.postMessage(times);
