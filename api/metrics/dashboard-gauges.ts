import { Gauge, type Registry } from 'prom-client';
import { checkWorker, type ReadinessDeps } from '../health/readiness.js';
import { sharedResult } from '../health/shared-result.js';
import { withTimeout } from '../health/with-timeout.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import type { UseCases } from '../../use-cases/index.js';

/** However often Prometheus (or several) scrape, MongoDB answers these counts at most once per this. */
export const DASHBOARD_METRICS_TTL_MS = 10_000;
const QUERY_TIMEOUT_MS = 5_000;
const DAY_MS = 86_400_000;
/** "Stuck" thresholds of the awaiting-registration gauge; the dashboard's default is 3 days. */
const WAITING_THRESHOLDS_DAYS = [1, 3, 7];

/**
 * The admin dashboard's counts as gauges, read at scrape time: users per status, users invited
 * and still not registered after 1, 3 and 7 days, users whose e-mail is refused, workers running.
 * Each is a count on an index (the dashboard's own), and one read serves every scrape for
 * DASHBOARD_METRICS_TTL_MS. Counts only: no name, e-mail, tenant or id is ever a label.
 */
export function dashboardGauges(registry: Registry, deps: ReadinessDeps, counts: UseCases['dashboard']) {
  const registers = [registry];
  const users = new Gauge({ name: 'activation_users', help: 'Users per lifecycle status', labelNames: ['status'] as const, registers });
  const waiting = new Gauge({
    name: 'activation_invited_users_waiting',
    help: 'Users invited (or last re-invited) longer ago than `longer_than` and still not registered',
    labelNames: ['longer_than'] as const,
    registers,
  });
  const emailFailing = new Gauge({ name: 'activation_users_email_failing', help: 'Users whose last lifecycle e-mail the mail server refused', registers });
  const workers = new Gauge({ name: 'activation_workers_running', help: 'Workers whose heartbeat is fresh (what /readyz checks)', registers });
  const up = new Gauge({ name: 'activation_dashboard_metrics_up', help: '1 if the last read of these counts from MongoDB succeeded', registers });

  const read = async () => {
    const now = Date.now();
    const [byStatus, waitingCounts, failing, worker] = await withTimeout(
      Promise.all([
        counts.countUsersByStatus(PLATFORM_SCOPE),
        Promise.all(
          WAITING_THRESHOLDS_DAYS.map(
            async (days) => [`${days}d`, await counts.countAwaitingRegistrationSince(PLATFORM_SCOPE, new Date(now - days * DAY_MS))] as const,
          ),
        ),
        counts.countEmailFailing(PLATFORM_SCOPE),
        checkWorker(deps),
      ]),
      QUERY_TIMEOUT_MS,
    );
    for (const [status, count] of Object.entries(byStatus)) users.set({ status }, count);
    for (const [longerThan, count] of waitingCounts) waiting.set({ longer_than: longerThan }, count);
    emailFailing.set(failing);
    workers.set(worker.workers);
  };

  const refresh = sharedResult(async () => {
    try {
      await read();
      up.set(1);
    } catch (error) {
      // The last counts stay (Prometheus sees their age through this gauge); the scrape still answers.
      deps.logger?.warn({ err: error }, 'metrics: the dashboard counts could not be read');
      up.set(0);
    }
  }, DASHBOARD_METRICS_TTL_MS);
  return { refresh };
}
