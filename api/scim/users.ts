import { isDeepStrictEqual } from 'node:util';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { UserModel } from '../../data/models/index.js';
import type { ActivationStatus } from '../../domain/activation-status.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { userInputSchema } from '../../domain/user.js';
import { recordAudit } from '../../data/audit-events.js';
import { findPage } from '../../data/paged-list.js';
import type { Actor } from '../../domain/actor.js';
import { tenantScope } from '../../domain/tenant-scope.js';
import { createOrFindUser, externalKeyOf } from '../../use-cases/users/create-user.js';
import { findUserOrFail } from '../../use-cases/users/find-user.js';
import type { UserLifecycleActions } from '../../use-cases/users/lifecycle-actions.js';
import { updateUser, type UserChanges } from '../../use-cases/users/update-user.js';
import { invalidValue, notFound, ScimError } from './errors.js';
import type { Filter } from './filter.js';
import { filterToQuery } from './filter-query.js';
import { applyPatch, parsePatchRequest } from './patch.js';
import { localeOf, loginEmailOf, nameOf, parseScimUser, replaceScimUser, scimProfileOf, scimUserOf, type ScimUser, type UserRecord } from './user-mapping.js';

/**
 * The SCIM use-cases: each one a call of the service's own (create = onboarding, `active` =
 * deactivate/reactivate, a new e-mail = the change of e-mail, delete = the console's delete), so
 * the workflow keeps owning every status. Everything is checked before anything is written.
 */

export interface ScimCaller {
  tenantId: string;
  actor: Actor;
}
/** A SCIM token is always one office's: its scope, for the shared use-cases. */
const scopeOf = (caller: ScimCaller) => tenantScope(caller.tenantId);

/**
 * The users a SCIM client of the tenant sees: those with a login e-mail. A migrated user still
 * staged without one waits for the migration review and is not a SCIM resource yet.
 */
const visible = (tenantId: string) => ({ tenantId: new Types.ObjectId(tenantId), email: { $type: 'string' as const } });
/** How long an answer waits for the workflow to record a (de)activation it was asked for. */
const STATUS_WAIT_MS = 5_000;

const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);

async function waitForStatus(userId: string, done: (status: ActivationStatus) => boolean) {
  const until = Date.now() + STATUS_WAIT_MS;
  for (;;) {
    const user = await UserModel.findById(userId, { status: 1 }).lean();
    if (!user || done(user.status) || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The name as our users take it (1 to 200 characters). */
function checkedName(name: string) {
  const parsed = userInputSchema.shape.name.safeParse(name);
  if (!parsed.success) throw invalidValue(`name: the full name must have 1 to 200 characters`);
  return parsed.data;
}

export function scimUsers({ actions, lifecycle }: { actions: UserLifecycleActions; lifecycle: LifecycleClient }) {
  async function find(tenantId: string, id: string): Promise<UserRecord> {
    const user = /^[0-9a-f]{24}$/i.test(id) ? await UserModel.findOne({ _id: new Types.ObjectId(id), ...visible(tenantId) }).lean() : null;
    // Another tenant's user is as unknown as a missing one.
    if (!user) throw notFound(`no user with id "${id}"`);
    return user as UserRecord;
  }

  /** Another user of the tenant already has this userName or externalId, or anyone has this login e-mail: 409. */
  async function assertUnique(tenantId: string, user: ScimUser, email: string, self?: unknown) {
    const others = self ? { _id: { $ne: self } } : {};
    const key = user.userName.toLowerCase();
    // Users no SCIM client wrote answer with their e-mail as userName (user-mapping.ts).
    const userNameTaken = await UserModel.exists({
      tenantId: new Types.ObjectId(tenantId),
      ...others,
      $or: [{ 'scim.userNameKey': key }, { scim: null, email: key }],
    });
    if (userNameTaken) throw uniqueness(`userName "${user.userName}" is already another user's in this tenant`);
    if (user.externalId && (await UserModel.exists({ externalKey: externalKeyOf(tenantId, user.externalId), ...others })))
      throw uniqueness(`externalId "${user.externalId}" is already another user's in this tenant`);
    // Not named back: the address may be another office's login.
    if (await UserModel.exists({ email, ...others })) throw uniqueness("the user's e-mail is already the login of another user");
  }

  async function setActive(caller: ScimCaller, user: UserRecord, active: boolean) {
    const id = String(user._id);
    const { actor } = caller;
    if (!active) {
      await actions.deactivate(scopeOf(caller), id, actor, `deactivated through SCIM (${actor.label})`);
      await waitForStatus(id, (status) => status === 'inactive');
      return;
    }
    const reactivated = await actions.reactivate(scopeOf(caller), id, actor);
    // A user provisioned inactive was never invited: reactivating makes it staged, and its onboarding starts now.
    if (reactivated.status === 'staged') await actions.startLifecycle(await findUserOrFail(scopeOf(caller), id));
    else await waitForStatus(id, (status) => status !== 'inactive');
  }

  /** Applies the difference between what the client reads now and `next`, through the service's use-cases. */
  async function update(caller: ScimCaller, current: UserRecord, next: ScimUser) {
    const id = String(current._id);
    const before = scimUserOf(current);
    const email = loginEmailOf(next);
    await assertUnique(caller.tenantId, next, email, current._id);
    // Name and locale follow the identity provider when its values changed, so a console edit stands until the provider changes them.
    const changes: UserChanges = {};
    if (email !== current.email) changes.email = email;
    const name = checkedName(nameOf(next, email));
    if (name !== nameOf(before, current.email!)) changes.name = name;
    const locale = localeOf(next);
    if (locale && locale !== localeOf(before) && locale !== current.locale) changes.locale = locale;
    if (Object.keys(changes).length > 0) await updateUser(lifecycle, scopeOf(caller), id, changes, caller.actor);

    const profile = scimProfileOf(next);
    const externalId = next.externalId ?? null;
    if (!isDeepStrictEqual(profile, current.scim ?? null) || externalId !== (current.externalId ?? null)) {
      const externalKey = externalId ? { $set: { externalKey: externalKeyOf(caller.tenantId, externalId) } } : { $unset: { externalKey: 1 } };
      try {
        await UserModel.updateOne({ _id: current._id }, { ...externalKey, $set: { ...externalKey.$set, scim: profile, externalId } });
      } catch (error) {
        // A concurrent request took the userName or externalId since assertUnique looked.
        if (isDuplicateKey(error)) throw uniqueness('userName or externalId was just taken by another user of this tenant');
        throw error;
      }
      await recordAudit(
        caller.actor,
        'user.updated',
        { type: 'user', id, tenantId: caller.tenantId },
        { before: { scim: current.scim ?? null, externalId: current.externalId ?? null }, after: { scim: profile, externalId } },
      );
    }
    if (next.active !== undefined && next.active !== before.active) await setActive(caller, current, next.active);
    return find(caller.tenantId, id);
  }

  return {
    find,

    /** A page of the tenant's users, oldest first (a stable order for startIndex), and how many match. */
    async list(tenantId: string, filter: Filter | null, startIndex: number, count: number) {
      const where = { ...visible(tenantId), ...(filter ? { $and: [filterToQuery(filter)] } : {}) };
      const { records, total } = await findPage<UserRecord>(UserModel, where, { sort: { createdAt: 1, _id: 1 }, skip: startIndex - 1, limit: count });
      return { total, users: records };
    },

    /**
     * Onboarding: the user is created and its lifecycle starts (the invitation goes out), or, sent
     * `active: false`, it is created inactive and invites nobody. The same user sent again (same
     * userName, externalId or e-mail) is 409 uniqueness and starts nothing (RFC 7644 §3.3).
     */
    async create(caller: ScimCaller, body: unknown) {
      const user = parseScimUser(body);
      const email = loginEmailOf(user);
      await assertUnique(caller.tenantId, user, email);
      const input = {
        tenantId: caller.tenantId,
        name: checkedName(nameOf(user, email)),
        email,
        locale: localeOf(user) ?? 'en',
        role: 'member' as const,
        externalId: user.externalId,
      };
      let created: Awaited<ReturnType<typeof createOrFindUser>>;
      try {
        created = await createOrFindUser(scopeOf(caller), input, caller.actor, { scim: scimProfileOf(user) });
      } catch (error) {
        if (isDuplicateKey(error)) throw uniqueness('userName or externalId was just taken by another user of this tenant');
        throw error;
      }
      if (!created.created) throw uniqueness('this user exists already');
      if (user.active === false) await actions.deactivate(scopeOf(caller), created.user.id, caller.actor, 'provisioned inactive through SCIM');
      else await actions.startLifecycle(await findUserOrFail(scopeOf(caller), created.user.id));
      return find(caller.tenantId, created.user.id);
    },

    async replace(caller: ScimCaller, id: string, body: unknown) {
      const current = await find(caller.tenantId, id);
      return update(caller, current, replaceScimUser(scimUserOf(current), body));
    },

    async patch(caller: ScimCaller, id: string, body: unknown) {
      const operations = parsePatchRequest(body);
      const current = await find(caller.tenantId, id);
      return update(caller, current, parseScimUser(applyPatch({ ...scimUserOf(current) }, operations)));
    },

    /** The console's delete: the lifecycle ends, the password and links go, the audit trail keeps the fact. */
    async remove(caller: ScimCaller, id: string) {
      await find(caller.tenantId, id);
      await actions.deleteUser(scopeOf(caller), id, caller.actor);
    },
  };
}

export type ScimUsers = ReturnType<typeof scimUsers>;
