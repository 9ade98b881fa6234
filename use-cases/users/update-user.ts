import { WorkflowNotFoundError } from '@temporalio/client';
import { recordAudit } from '../../data/audit-events.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { UserModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { domainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/locale.js';
import type { Role } from '../../domain/user.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { toUserView } from './user-view.js';

export interface UserChanges {
  name?: string;
  email?: string;
  legacyUsername?: string | null;
  role?: Role;
  locale?: Locale;
}

const emailTaken = () => domainError('EMAIL_TAKEN', { fields: [{ path: 'email', message: 'already the login of another user' }] });

/**
 * Profile changes. A new login e-mail is stored first (unique, so a taken one is refused with
 * nothing written), then the lifecycle is told: the old link dies and an invitation goes to the
 * new address.
 */
export async function updateUser(lifecycle: LifecycleClient, scope: TenantScope, userId: string, changes: UserChanges, actor: Actor) {
  const user = await findUserOrFail(scope, userId);
  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as [keyof UserChanges, unknown][]) {
    const current = (user as Record<string, unknown>)[field] ?? null;
    if (value === undefined || value === current) continue;
    set[field] = value;
    before[field] = current;
  }
  if (Object.keys(set).length === 0) return toUserView(user);
  const emailChanged = 'email' in set;
  if (emailChanged && (await UserModel.exists({ email: set.email as string, _id: { $ne: user._id } }))) throw emailTaken();
  try {
    await UserModel.updateOne({ _id: user._id }, { $set: set });
  } catch (error) {
    if (isDuplicateKey(error)) throw emailTaken();
    throw error;
  }
  // Told whatever the stored status: a lifecycle just started still reads "staged" here until its
  // first transition is recorded, which comes after its first invitation went out (to the old
  // address, whose link must die). Without a lifecycle there is nobody to tell: a staged user's
  // first invitation, or an excluded user's reactivation, uses the new address.
  if (emailChanged) {
    try {
      await lifecycle.emailChanged(userId);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  await recordAudit(
    actor,
    emailChanged ? 'user.emailChanged' : 'user.updated',
    { type: 'user', id: userId, tenantId: String(user.tenantId) },
    { before, after: set },
  );
  return toUserView((await UserModel.findById(user._id).lean())!);
}
