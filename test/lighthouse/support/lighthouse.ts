import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { freePort } from '../../../embedded/child-process.js';
import { chromiumFlags, chromiumPath } from '../../browser/support/browser.js';

/** What one Lighthouse run measured of a page (mobile profile, simulated throttling: Lighthouse's defaults). */
export interface PageFigures {
  url: string;
  performance: number;
  accessibility: number;
  /** Milliseconds. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Bytes transferred: everything, and the scripts alone. */
  bytes: number;
  scriptBytes: number;
  /** The audits that failed, for the assertion message. */
  failing: string[];
}

/**
 * Debian's Chromium (the browser tests' own, test/browser/support/browser.ts), headless with a
 * DevTools port for Lighthouse; a fresh profile, so every page loads with an empty cache.
 */
export async function startChromium() {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-chromium-'));
  const chromium = spawn(
    chromiumPath,
    ['--headless=new', ...chromiumFlags, '--no-default-browser-check', `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'],
    // Its own process group, so stopping it stops its helper processes too (they write the profile).
    { stdio: 'ignore', detached: true },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || chromium.exitCode !== null) throw new Error(`Chromium at ${chromiumPath} did not open its DevTools port`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    async stop() {
      if (chromium.exitCode === null && chromium.signalCode === null) {
        const exited = new Promise((resolve) => chromium.once('exit', resolve));
        process.kill(-chromium.pid!, 'SIGTERM');
        await exited;
      }
      // A helper may still be leaving on a loaded machine: retry while it does, and leave a scratch
      // profile behind rather than fail a page's budget over it.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
      } catch (error) {
        console.warn(`left the Chromium profile ${profile}: ${(error as Error).message}`);
      }
    },
  };
}

/**
 * Lighthouse's own failures to record a trace, about its tooling and not the page ("Something went
 * wrong with recording the trace over your page load. Please run Lighthouse again"): run again.
 */
const TRACE_FAILURES = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'PROTOCOL_TIMEOUT']);
const RUNS_ON_TRACE_FAILURE = 3;

/** One Lighthouse run (performance and accessibility) of a page, in the Chromium listening on `port`. */
export async function measure(url: string, port: number): Promise<PageFigures> {
  const run = () =>
    lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Lighthouse's defaults, said aloud: a phone, and throttling simulated from an unthrottled load.
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
    });
  let result = await run();
  for (let runs = 1; runs < RUNS_ON_TRACE_FAILURE && TRACE_FAILURES.has(result?.lhr.runtimeError?.code ?? ''); runs++) result = await run();
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const resources = (lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  return {
    url,
    performance: score('performance'),
    accessibility: score('accessibility'),
    fcp: Math.round(numeric('first-contentful-paint')),
    lcp: Math.round(numeric('largest-contentful-paint')),
    tbt: Math.round(numeric('total-blocking-time')),
    cls: Number(numeric('cumulative-layout-shift').toFixed(3)),
    bytes: Math.round(numeric('total-byte-weight')),
    scriptBytes: resources.find((item) => item.resourceType === 'script')?.transferSize ?? 0,
    failing: Object.values(lhr.audits)
      .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score === 0)
      .map((audit) => audit.id),
  };
}

/** How many runs a timed figure is the median of (pages.test.ts's budgets). */
export const MEDIAN_RUNS = 3;

/**
 * The median of `runs` Lighthouse runs of a page, as Lighthouse's own guidance on variability
 * advises: the run with the median performance score, its figures whole (not a mix of runs), and
 * every run's score. One run alone was at the mercy of a stall on two shared cores: a CI run once
 * measured the registration page at 79 (TBT 944 ms) between runs of 100.
 */
export async function measureMedian(url: string, port: number, runs = MEDIAN_RUNS): Promise<PageFigures & { scores: number[] }> {
  const measured: PageFigures[] = [];
  for (let run = 0; run < runs; run++) measured.push(await measure(url, port));
  return { ...median(measured, (page) => page.performance), scores: measured.map((page) => page.performance) };
}

/** The item whose `value` is the median (the upper one of an even count). */
export const median = <T>(items: readonly T[], value: (item: T) => number): T => [...items].sort((a, b) => value(a) - value(b))[Math.floor(items.length / 2)]!;

/** One line per page, as the README's and docs/benchmarks.md's tables give them. */
export function describeFigures(name: string, figures: PageFigures) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return (
    `${name}: performance ${figures.performance}, accessibility ${figures.accessibility}, FCP ${figures.fcp} ms, LCP ${figures.lcp} ms, ` +
    `TBT ${figures.tbt} ms, CLS ${figures.cls}, ${kib(figures.bytes)} transferred (scripts ${kib(figures.scriptBytes)})`
  );
}
