import { continueAsNew, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { cancelMigrationSignal, migrationStateQuery, type AccountsMigrationInput, type AccountsMigrationState } from '../domain/migration-messages.js';
import { countMigrationUsers } from './metrics.js';

const DEFAULT_PAGE_SIZE = 200;
/** ~6 events per page: 50 pages keep each run near 300 events, whatever the tenant's size. */
const DEFAULT_PAGES_PER_RUN = 50;

/**
 * One tenant's "Update accounts": freezes the list of users to migrate, then starts their
 * lifecycles page by page. The workflow holds counters and a cursor, never the list itself, so a
 * 50,000-user tenant costs the same history as a small one; it continues as new every few pages.
 * Cancelling stops new starts; lifecycles already started go on.
 */
export async function accountsMigration(input: AccountsMigrationInput): Promise<AccountsMigrationState> {
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const pagesPerRun = input.pagesPerRun ?? DEFAULT_PAGES_PER_RUN;
  const state: AccountsMigrationState = input.carried ?? { phase: 'freezing', total: 0, started: 0, failed: 0, cursor: null };
  let cancelRequested = false;

  setHandler(migrationStateQuery, () => ({ ...state }));
  setHandler(cancelMigrationSignal, () => {
    cancelRequested = true;
  });

  const activities = proxyActivities<Activities>({
    // A page starts up to pageSize lifecycles; it heartbeats after each, so a crashed worker's page
    // is retried within seconds (starts are idempotent), not after its whole timeout.
    startToCloseTimeout: '10m',
    heartbeatTimeout: '10s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });

  const record = async () => {
    setCurrentDetails(`Migration of **${input.tenantLabel}**: ${state.phase}\nStarted ${state.started} of ${state.total} lifecycles; ${state.failed} failed`);
    const status = state.phase === 'cancelled' ? 'cancelled' : state.phase === 'completed' ? 'completed' : 'running';
    await activities.recordMigrationProgress({ migrationId: input.migrationId, status, total: state.total, started: state.started, failed: state.failed });
  };

  if (state.phase === 'freezing') {
    const { total } = await activities.freezeMigrationList({ migrationId: input.migrationId, tenantId: input.tenantId });
    state.total = total;
    state.phase = 'starting';
    await record();
  }

  for (let pages = 0; state.phase === 'starting'; pages++) {
    if (cancelRequested) {
      state.phase = 'cancelled';
      break;
    }
    if (pages >= pagesPerRun) await continueAsNew<typeof accountsMigration>({ ...input, carried: state });
    const page = await activities.startMigrationPage({
      migrationId: input.migrationId,
      tenantId: input.tenantId,
      tenantLabel: input.tenantLabel,
      cursor: state.cursor,
      limit: pageSize,
      policy: input.policy,
    });
    state.cursor = page.cursor;
    state.started += page.started;
    state.failed += page.failed;
    countMigrationUsers(page.started, page.failed);
    if (page.done) state.phase = 'completed';
    await record();
  }
  if (state.phase === 'cancelled') await record();
  return state;
}
