import type { Actor } from '../../domain/actor.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { userInputSchema } from '../../domain/user.js';
import type { ProvisionedChange, ProvisionedUser, UseCases } from '../../use-cases/index.js';
import { invalidValue } from './errors.js';
import type { Filter } from './filter.js';
import { filterToQuery } from './filter-query.js';
import { applyPatch, parsePatchRequest } from './patch.js';
import { localeOf, loginEmailOf, nameOf, parseScimUser, replaceScimUser, scimProfileOf, scimUserOf, type ScimUser, type UserRecord } from './user-mapping.js';

/**
 * SCIM's User operations over the provisioning use-cases (use-cases/scim/users.ts): a request's
 * body is parsed and mapped to the user the client wants, in the service's terms, and a filter to
 * a condition; what the client reads back is user-mapping.ts's. The service's rules are the use-cases'.
 */

/** Who calls: a SCIM token, one office's (its scope), and the actor its changes are audited as. */
export interface ScimCaller {
  scope: TenantScope;
  actor: Actor;
}

/** The name as our users take it (1 to 200 characters). */
function checkedName(name: string) {
  const parsed = userInputSchema.shape.name.safeParse(name);
  if (!parsed.success) throw invalidValue(`name: the full name must have 1 to 200 characters`);
  return parsed.data;
}

/** The user a SCIM User asks for. */
function provisioned(user: ScimUser): ProvisionedUser {
  const email = loginEmailOf(user);
  return {
    email,
    name: checkedName(nameOf(user, email)),
    locale: localeOf(user),
    externalId: user.externalId ?? null,
    active: user.active,
    profile: scimProfileOf(user),
  };
}

/** From the user as the client reads it now to what `nextOf` makes of that reading. */
function changeOf(current: UserRecord, nextOf: (read: ScimUser) => ScimUser): ProvisionedChange {
  const read = scimUserOf(current);
  return { next: provisioned(nextOf(read)), previous: { name: nameOf(read, current.email!), locale: localeOf(read), active: read.active !== false } };
}

export function scimUsers(scim: UseCases['scim']) {
  return {
    find: (caller: ScimCaller, id: string) => scim.find(caller.scope, id),

    /** A page of the tenant's users, oldest first, and how many match. */
    list: (caller: ScimCaller, filter: Filter | null, startIndex: number, count: number) =>
      scim.list(caller.scope, filter ? filterToQuery(filter) : null, startIndex, count),

    /** POST: onboarding, or 409 uniqueness for a user that exists already (RFC 7644 §3.3). */
    create: (caller: ScimCaller, body: unknown) => scim.create(caller.scope, provisioned(parseScimUser(body)), caller.actor),

    /** PUT: attributes the body leaves out stay as they are (user-mapping.ts replaceScimUser). */
    replace: (caller: ScimCaller, id: string, body: unknown) =>
      scim.update(caller.scope, id, (current) => changeOf(current, (read) => replaceScimUser(read, body)), caller.actor),

    patch: (caller: ScimCaller, id: string, body: unknown) => {
      const operations = parsePatchRequest(body);
      return scim.update(caller.scope, id, (current) => changeOf(current, (read) => parseScimUser(applyPatch({ ...read }, operations))), caller.actor);
    },

    remove: (caller: ScimCaller, id: string) => scim.remove(caller.scope, id, caller.actor),
  };
}
