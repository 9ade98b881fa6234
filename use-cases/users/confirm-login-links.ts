import { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { requireTenant, tenantScope, type TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { confirmLoginLink } from './confirm-login-link.js';

/** One call confirms at most this many people (an office links them in the main system a batch at a time). */
export const MAX_LINK_CONFIRMATIONS = 1_000;

/**
 * "Vinculei no sistema principal" for several people of one office at once: the named ones, or
 * everyone of the office waiting in `linking`. Each is confirmed on its own (as one would be),
 * so a person not waiting any more is reported, not a reason to stop.
 */
export async function confirmLoginLinks(lifecycle: LifecycleClient, scope: TenantScope, tenantId: string, userIds: string[] | undefined, actor: Actor) {
  requireTenant(scope, tenantId);
  const ids =
    userIds ??
    (
      await UserModel.find({ tenantId: new Types.ObjectId(tenantId), status: 'linking' }, { _id: 1 })
        .limit(MAX_LINK_CONFIRMATIONS)
        .lean()
    ).map((user) => String(user._id));
  // Within the office named: a platform caller naming another office's user finds nobody there either.
  const office = tenantScope(tenantId);
  const confirmed: string[] = [];
  const refused: { userId: string; code: string }[] = [];
  for (const userId of ids) {
    try {
      await confirmLoginLink(lifecycle, office, userId, actor);
      confirmed.push(userId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused.push({ userId, code: error.code });
    }
  }
  return { confirmed, refused };
}
