import type { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { countMatching } from '../../data/paged-list.js';
// The dashboard's bounds: up to LIVE_COUNT_LIMIT people counted on every request, more at most every COUNTS_FRESH_MS.
import { COUNTS_FRESH_MS, LIVE_COUNT_LIMIT } from '../../data/user-counts.js';
import { activationStatuses, type ActivationStatus } from '../../domain/activation-status.js';
import { activationCounts } from '../../domain/activation.js';

/** The people counted: an office's, or one migration run's (a run is one tenant's: its id alone picks its people, on its index). */
export type Cohort = { tenantId: Types.ObjectId } | { migrationId: string };

/** A large cohort's counts per status in this process, and when they were counted. */
const counted = new Map<string, { at: number; byStatus: Record<ActivationStatus, number> }>();

/**
 * People per status, each a count on the (tenant, status) or (migration, status) index: one key
 * range, a COUNT_SCAN, for each. Together they read every key of the cohort, which at 200,000
 * people is some 35 ms of mongod (about 170 ns a key here): a cohort of more than LIVE_COUNT_LIMIT
 * is counted at most every COUNTS_FRESH_MS by each API process, and read from that count between
 * (the tracker of a large office is a progress screen: its counts may be 30 s old, as the
 * dashboard's are). Those with a failing e-mail are few: counted every time, on the partial
 * indexes that hold only them.
 */
export async function cohortCounts(cohort: Cohort, now = Date.now()) {
  const key = 'tenantId' in cohort ? `tenant:${String(cohort.tenantId)}` : `migration:${cohort.migrationId}`;
  const recent = counted.get(key);
  const countByStatus = async () =>
    Object.fromEntries(
      await Promise.all(activationStatuses.map(async (status) => [status, await countMatching(UserModel, { ...cohort, status })] as const)),
    ) as Record<ActivationStatus, number>;
  const [byStatus, failing] = await Promise.all([
    recent && now - recent.at <= COUNTS_FRESH_MS ? recent.byStatus : countByStatus(),
    countMatching(UserModel, { ...cohort, emailFailing: true }),
  ]);
  if (byStatus !== recent?.byStatus) {
    if (Object.values(byStatus).reduce((sum, count) => sum + count, 0) > LIVE_COUNT_LIMIT) counted.set(key, { at: now, byStatus });
    else counted.delete(key);
  }
  return activationCounts(byStatus, failing);
}
