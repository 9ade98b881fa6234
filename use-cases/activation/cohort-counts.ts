import type { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { countMatching } from '../../data/paged-list.js';
import { activationStatuses } from '../../domain/activation-status.js';
import { activationCounts } from '../../domain/activation.js';

/** The people counted: an office's, or one migration run's (a run is one tenant's: its id alone picks its people, on its index). */
export type Cohort = { tenantId: Types.ObjectId } | { migrationId: string };

/** People per status and with a failing e-mail, each a count on the (tenant, status) or (migration, status) index. */
export async function cohortCounts(cohort: Cohort) {
  const byStatus = Object.fromEntries(
    await Promise.all(activationStatuses.map(async (status) => [status, await countMatching(UserModel, { ...cohort, status })] as const)),
  );
  return activationCounts(byStatus, await countMatching(UserModel, { ...cohort, emailFailing: true }));
}
