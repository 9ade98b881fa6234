import { TenantModel } from '../../data/models/index.js';
import { deriveSearchKeys } from '../../data/user-search-refresh.js';
import type { UserRecord } from '../../data/users.js';
import { domainError } from '../../domain/errors.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';

/** Starts the user's `userActivation`, which sends the first invitation. Idempotent: a running lifecycle is reused. */
export async function startLifecycle(lifecycle: LifecycleClient, user: UserRecord) {
  if (!user.email) throw domainError('VALIDATION_FAILED', { fields: [{ path: 'email', message: 'the user has no login e-mail yet' }] });
  // A user staged by an import has no search keys yet (data/migration-review.ts): it leaves the review now.
  if (!user.nameKeys) await deriveSearchKeys([user]);
  const tenant = await TenantModel.findById(user.tenantId, { name: 1 }).lean();
  await lifecycle.start({
    userId: String(user._id),
    tenantId: String(user.tenantId),
    name: user.name,
    email: user.email,
    tenantName: tenant?.name ?? String(user.tenantId),
  });
}
