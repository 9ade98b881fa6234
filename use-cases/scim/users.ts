import { isDeepStrictEqual } from 'node:util';
import { Types } from 'mongoose';
import { recordAudit } from '../../data/audit-events.js';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { UserModel } from '../../data/models/index.js';
import type { UserDoc } from '../../data/models/user.js';
import { findPage } from '../../data/paged-list.js';
import type { ActivationStatus } from '../../domain/activation-status.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, domainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/locale.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { createOrFindUser, externalKeyOf } from '../users/create-user.js';
import { findUserOrFail } from '../users/find-user.js';
import type { UserLifecycleActions } from '../users/lifecycle-actions.js';
import { updateUser, type UserChanges } from '../users/update-user.js';

/**
 * The users an identity provider provisions through SCIM (api/scim maps the protocol to these):
 * each change is a call of the service's own (create = onboarding, `active` = deactivate or
 * reactivate, a new e-mail = the change of e-mail, delete = the console's delete), so the workflow
 * keeps owning every status. Everything is checked before anything is written.
 */

/** A user as SCIM reads it: the stored record, with the identity provider's profile. */
export type ScimUserRecord = UserDoc & { _id: unknown; createdAt: Date; updatedAt: Date };

/** What the identity provider sent, kept as sent so it reads back the same (the user's `scim` field). */
export interface ScimProfile {
  userName: string;
  /** userName lowercased: unique per tenant whatever its case. */
  userNameKey: string;
  givenName: string | null;
  familyName: string | null;
  formattedName: string | null;
  displayName: string | null;
  emailType: string | null;
  emailPrimary: boolean | null;
  preferredLanguage: string | null;
  locale: string | null;
}

/** A user as the identity provider wants it, in the service's terms. */
export interface ProvisionedUser {
  /** The login e-mail. */
  email: string;
  /** Already checked as users' names are (1 to 200 characters). */
  name: string;
  /** null: none the service knows; a new user takes English, an existing one keeps its own. */
  locale: Locale | null;
  externalId: string | null;
  /** Absent: the provider did not say. */
  active?: boolean;
  profile: ScimProfile;
}

/**
 * A change the provider asks for: the user it wants (`next`) and the user as the provider read it
 * before (`previous`). Name and locale follow the provider only where its own values changed, so a
 * console edit stands until the provider changes them.
 */
export interface ProvisionedChange {
  next: ProvisionedUser;
  previous: { name: string; locale: Locale | null; active: boolean };
}

/** How long an answer waits for the workflow to record a (de)activation it was asked for. */
const STATUS_WAIT_MS = 5_000;

/**
 * The users a SCIM client of the tenant sees: those with a login e-mail. A migrated user still
 * staged without one waits for the migration review and is not a SCIM resource yet.
 */
const visible = (tenantId: string) => ({ tenantId: new Types.ObjectId(tenantId), email: { $type: 'string' as const } });

/** SCIM provisions one office's users, with that office's token: a platform-wide caller has none. */
function tenantOf(scope: TenantScope) {
  if (scope.kind !== 'tenant') throw domainError('FORBIDDEN', { detail: "SCIM provisions one office's users, with its own SCIM token" });
  return scope.tenantId;
}

const userExists = (detail: string) => new DomainError('USER_EXISTS', detail);
const justTaken = () => userExists('userName or externalId was just taken by another user of this tenant');

async function waitForStatus(userId: string, done: (status: ActivationStatus) => boolean) {
  const until = Date.now() + STATUS_WAIT_MS;
  for (;;) {
    const user = await UserModel.findById(userId, { status: 1 }).lean();
    if (!user || done(user.status) || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function scimUserUseCases({ actions, lifecycle }: { actions: UserLifecycleActions; lifecycle: LifecycleClient }) {
  /** One of the tenant's visible users; another tenant's is as unknown as a missing one (USER_NOT_FOUND). */
  async function find(scope: TenantScope, id: string): Promise<ScimUserRecord> {
    const user = /^[0-9a-f]{24}$/i.test(id) ? await UserModel.findOne({ _id: new Types.ObjectId(id), ...visible(tenantOf(scope)) }).lean() : null;
    if (!user) throw new DomainError('USER_NOT_FOUND', `no user with id "${id}"`);
    return user as ScimUserRecord;
  }

  /** Another user of the tenant already has this userName or externalId, or anyone has this login e-mail: USER_EXISTS. */
  async function assertUnique(tenantId: string, user: ProvisionedUser, self?: unknown) {
    const others = self ? { _id: { $ne: self } } : {};
    const { userName, userNameKey } = user.profile;
    // Users no SCIM client wrote answer with their e-mail as userName (api/scim/user-mapping.ts).
    const userNameTaken = await UserModel.exists({
      tenantId: new Types.ObjectId(tenantId),
      ...others,
      $or: [{ 'scim.userNameKey': userNameKey }, { scim: null, email: userNameKey }],
    });
    if (userNameTaken) throw userExists(`userName "${userName}" is already another user's in this tenant`);
    if (user.externalId && (await UserModel.exists({ externalKey: externalKeyOf(tenantId, user.externalId), ...others })))
      throw userExists(`externalId "${user.externalId}" is already another user's in this tenant`);
    // Not named back: the address may be another office's login.
    if (await UserModel.exists({ email: user.email, ...others })) throw userExists("the user's e-mail is already the login of another user");
  }

  async function setActive(scope: TenantScope, id: string, active: boolean, actor: Actor) {
    if (!active) {
      await actions.deactivate(scope, id, actor, `deactivated through SCIM (${actor.label})`);
      await waitForStatus(id, (status) => status === 'inactive');
      return;
    }
    const reactivated = await actions.reactivate(scope, id, actor);
    // A user provisioned inactive was never invited: reactivating makes it staged, and its onboarding starts now.
    if (reactivated.status === 'staged') await actions.startLifecycle(await findUserOrFail(scope, id));
    else await waitForStatus(id, (status) => status !== 'inactive');
  }

  return {
    find,

    /** A page of the tenant's users matching `condition` (a SCIM filter as a MongoDB condition), oldest first (a stable order for startIndex), and how many match. */
    async list(scope: TenantScope, condition: Record<string, unknown> | null, startIndex: number, count: number) {
      // `listed` (every user with a login is: data/models/user.ts) for the users lists' index by tenant and creation.
      const where = { listed: true, ...visible(tenantOf(scope)), ...(condition ? { $and: [condition] } : {}) };
      const { records, total } = await findPage<ScimUserRecord>(UserModel, where, { sort: { createdAt: 1, _id: 1 }, skip: startIndex - 1, limit: count });
      return { total, users: records };
    },

    /**
     * Onboarding: the user is created and its lifecycle starts (the invitation goes out), or, sent
     * `active: false`, it is created inactive and invites nobody. The same user sent again (same
     * userName, externalId or e-mail) is USER_EXISTS and starts nothing (RFC 7644 §3.3).
     */
    async create(scope: TenantScope, user: ProvisionedUser, actor: Actor) {
      const tenantId = tenantOf(scope);
      await assertUnique(tenantId, user, undefined);
      const input = {
        tenantId,
        name: user.name,
        email: user.email,
        locale: user.locale ?? 'en',
        role: 'member' as const,
        externalId: user.externalId ?? undefined,
      };
      let created: Awaited<ReturnType<typeof createOrFindUser>>;
      try {
        created = await createOrFindUser(scope, input, actor, { scim: user.profile });
      } catch (error) {
        if (isDuplicateKey(error)) throw justTaken();
        throw error;
      }
      if (!created.created) throw userExists('this user exists already');
      if (user.active === false) await actions.deactivate(scope, created.user.id, actor, 'provisioned inactive through SCIM');
      else await actions.startLifecycle(await findUserOrFail(scope, created.user.id));
      return find(scope, created.user.id);
    },

    /** Applies the difference between the user as the provider read it and as it wants it now, through the service's use-cases. */
    async update(scope: TenantScope, id: string, changeOf: (current: ScimUserRecord) => ProvisionedChange, actor: Actor) {
      const tenantId = tenantOf(scope);
      const current = await find(scope, id);
      const userId = String(current._id);
      const { next, previous } = changeOf(current);
      await assertUnique(tenantId, next, current._id);
      const changes: UserChanges = {};
      if (next.email !== current.email) changes.email = next.email;
      if (next.name !== previous.name) changes.name = next.name;
      if (next.locale && next.locale !== previous.locale && next.locale !== current.locale) changes.locale = next.locale;
      if (Object.keys(changes).length > 0) await updateUser(lifecycle, scope, userId, changes, actor);

      if (!isDeepStrictEqual(next.profile, current.scim ?? null) || next.externalId !== (current.externalId ?? null)) {
        const externalKey = next.externalId ? { $set: { externalKey: externalKeyOf(tenantId, next.externalId) } } : { $unset: { externalKey: 1 } };
        try {
          await UserModel.updateOne({ _id: current._id }, { ...externalKey, $set: { ...externalKey.$set, scim: next.profile, externalId: next.externalId } });
        } catch (error) {
          // A concurrent request took the userName or externalId since assertUnique looked.
          if (isDuplicateKey(error)) throw justTaken();
          throw error;
        }
        await recordAudit(
          actor,
          'user.updated',
          { type: 'user', id: userId, tenantId },
          { before: { scim: current.scim ?? null, externalId: current.externalId ?? null }, after: { scim: next.profile, externalId: next.externalId } },
        );
      }
      if (next.active !== undefined && next.active !== previous.active) await setActive(scope, userId, next.active, actor);
      return find(scope, userId);
    },

    /** The console's delete: the lifecycle ends, the password and links go, the audit trail keeps the fact. */
    async remove(scope: TenantScope, id: string, actor: Actor) {
      await find(scope, id);
      await actions.deleteUser(scope, id, actor);
    },
  };
}

export type ScimUserUseCases = ReturnType<typeof scimUserUseCases>;
