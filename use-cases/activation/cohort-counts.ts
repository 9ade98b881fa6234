import type { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { countQuery } from '../../data/paged-list.js';
import { activationStatuses } from '../../domain/activation-status.js';
import { activationCounts } from '../../domain/activation.js';

/** The people counted: an office's, or one migration run's (a run is one tenant's: its id alone picks its people, on its index). */
export type Cohort = { tenantId: Types.ObjectId } | { migrationId: string };

/** A count pipeline's answer (countQuery); 0 for none. */
export const countOf = async (query: ReturnType<typeof countQuery>) => (query ? ((await query)[0]?.n ?? 0) : 0);

/** People per status and with a failing e-mail, each a count on the (tenant, status) or (migration, status) index. */
export async function cohortCounts(cohort: Cohort) {
  const byStatus = Object.fromEntries(
    await Promise.all(activationStatuses.map(async (status) => [status, await countOf(countQuery(UserModel, { ...cohort, status }))] as const)),
  );
  return activationCounts(byStatus, await countOf(countQuery(UserModel, { ...cohort, emailFailing: true })));
}
