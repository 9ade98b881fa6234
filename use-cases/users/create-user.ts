import { Types } from 'mongoose';
import type { z } from 'zod';
import { recordAudit } from '../../data/audit-events.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { UserModel } from '../../data/models/index.js';
import { findTenant, skipUsedUserCodes, takeUserCode } from '../../data/tenants.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import type { userInputSchema } from '../../domain/user.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { findUserOrFail } from './find-user.js';
import { startLifecycle } from './start-lifecycle.js';
import { toUserView } from './user-view.js';

export type NewUser = z.output<typeof userInputSchema>;

/** An integration's own id, unique per tenant (the unique `externalKey` index). */
export const externalKeyOf = (tenantId: string, externalId: string) => `${tenantId}:${externalId}`;

const emailTaken = () => domainError('EMAIL_TAKEN', { fields: [{ path: 'email', message: 'already the login of another user' }] });

/**
 * An earlier user the same request already created: same tenant and external id, or same login
 * e-mail in the same tenant (and no conflicting external id). Another tenant's login is a conflict.
 */
async function findSameUser(input: NewUser) {
  if (input.externalId) {
    const byExternalId = await UserModel.findOne({ externalKey: externalKeyOf(input.tenantId, input.externalId) }).lean();
    if (byExternalId) return byExternalId;
  }
  const byEmail = await UserModel.findOne({ email: input.email }).lean();
  if (!byEmail) return null;
  const sameTenant = String(byEmail.tenantId) === input.tenantId;
  const sameExternal = !input.externalId || !byEmail.externalId || byEmail.externalId === input.externalId;
  if (sameTenant && sameExternal) return byEmail;
  throw emailTaken();
}

/**
 * Creates the user `staged` (the workflow owns every later status), or finds the one an earlier
 * identical request created: retried and concurrent triggers end on one user. A racing insert
 * loses on a unique index and finds the winner.
 */
export async function createOrFindUser(
  scope: TenantScope,
  input: NewUser,
  actor: Actor,
  /** Stored with a new user in the same insert (SCIM's `scim` profile), so no user exists without it. */
  extra: Record<string, unknown> = {},
): Promise<{ user: ReturnType<typeof toUserView>; created: boolean }> {
  requireTenant(scope, input.tenantId, 'tenantId');
  const unknownTenant = () => domainError('UNKNOWN_TENANT', { fields: [{ path: 'tenantId', message: 'no tenant with this id' }] });
  if (!(await findTenant(input.tenantId))) throw unknownTenant();
  for (let attempt = 0; ; attempt++) {
    const existing = await findSameUser(input);
    if (existing) return { user: toUserView(existing), created: false };
    if (input.code !== undefined && (await UserModel.exists({ tenantId: new Types.ObjectId(input.tenantId), code: input.code }))) {
      throw domainError('CODE_TAKEN', { fields: [{ path: 'code', message: 'another user of this tenant has this code' }] });
    }
    const code = input.code ?? (await takeUserCode(input.tenantId));
    if (code === null) throw unknownTenant();
    try {
      const user = await UserModel.create({
        tenantId: new Types.ObjectId(input.tenantId),
        code,
        name: input.name,
        email: input.email,
        legacyUsername: input.legacyUsername ?? null,
        role: input.role,
        locale: input.locale,
        externalId: input.externalId ?? null,
        ...(input.externalId ? { externalKey: externalKeyOf(input.tenantId, input.externalId) } : {}),
        status: 'staged',
        statusChangedAt: new Date(),
        ...extra,
      });
      const view = toUserView(user.toObject());
      await recordAudit(actor, 'user.created', { type: 'user', id: view.id, tenantId: view.tenantId }, { after: view });
      return { user: view, created: true };
    } catch (error) {
      // Lost a race on e-mail or external id (look again), or an automatic code met one given
      // explicitly (the counter moves past the tenant's codes first).
      if (!isDuplicateKey(error) || attempt >= 5) throw error;
      if (input.code === undefined && 'code' in ((error as { keyValue?: object }).keyValue ?? {})) await skipUsedUserCodes(input.tenantId);
    }
  }
}

/**
 * The console's create: a new user only (finding an existing login is a conflict there, not a
 * success), whose lifecycle starts at once and sends the invitation, unless `sendInvitation` is
 * false: then it stays `staged` until invited (invite-user.ts).
 */
export async function createUser(lifecycle: LifecycleClient, scope: TenantScope, input: NewUser, actor: Actor, { sendInvitation = true } = {}) {
  const { user, created } = await createOrFindUser(scope, input, actor);
  if (!created) throw emailTaken();
  if (sendInvitation) await startLifecycle(lifecycle, await findUserOrFail(scope, user.id));
  return user;
}
