import { Types } from 'mongoose';
import { UserModel } from '../../data/models/index.js';
import { findTenant } from '../../data/tenants.js';
import { DomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/locale.js';
import { tenantScope } from '../../domain/tenant-scope.js';
import { createOrFindUser } from '../users/create-user.js';
import { findUserOrFail } from '../users/find-user.js';
import type { UserLifecycleActions } from '../users/lifecycle-actions.js';

export interface Signup {
  tenantId: string;
  name: string;
  email: string;
  locale: Locale;
}

/**
 * Self-registration from the login screen: the same lifecycle as any user, but only for a tenant
 * that opted in (selfSignup) and only for an address nobody has yet. Whatever the case, the
 * caller gets the same answer, so it learns nothing: an unknown tenant, a tenant without
 * self-signup, a taken address, or the address of a staged user (an imported user waiting for the
 * admins' migration) all do nothing and send nothing. A staged user's lifecycle starts only when an
 * admin starts it.
 */
export async function signUp(actions: UserLifecycleActions, input: Signup) {
  const tenant = await findTenant(input.tenantId);
  if (!tenant?.selfSignup) return;
  const tenantId = new Types.ObjectId(input.tenantId);
  if (await UserModel.exists({ email: input.email })) return;
  if (await UserModel.exists({ tenantId, proposedEmail: input.email })) return;
  // Nobody signed in: the sign-up acts within the tenant it names, which opted in.
  const scope = tenantScope(input.tenantId);
  try {
    const { user, created } = await createOrFindUser(scope, { ...input, role: 'member' }, { type: 'user', id: null, label: input.email });
    // Not created: a concurrent request (or an admin) got there first and owns the start.
    if (created) await actions.startLifecycle(await findUserOrFail(scope, user.id));
  } catch (error) {
    if (!(error instanceof DomainError && (error.code === 'EMAIL_TAKEN' || error.code === 'CODE_TAKEN' || error.code === 'UNKNOWN_TENANT'))) throw error;
  }
}
