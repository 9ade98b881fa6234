import { createHash, randomUUID } from 'node:crypto';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries } from '../../use-cases/dashboard/dashboard.js';
import { auditTrail } from '../../use-cases/records/audit-trail.js';
import { invitationLinks } from '../../use-cases/records/invitation-links.js';
import { outgoingEmails } from '../../use-cases/records/outgoing-emails.js';
import { auditResource, emailsResource, invitationsResource } from '../../api/admin/resources/read-only.js';
import { tenantListSpec } from '../../api/admin/resources/tenants.js';
import { userListSpec } from '../../api/admin/resources/users.js';
import { parseListQuery, type ListQuery } from '../../api/admin/simple-rest.js';
import { officeNames, person } from '../../bench/people.js';
import { AuditEventModel, EmailLogModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import { pageQueries, type listQueries } from '../../data/paged-list.js';
import { tenantListWhere } from '../../data/tenants.js';
import { userListWhere } from '../../data/users.js';
import { connectTestMongo, testConfig } from '../harness/context.js';
import { allStages, describePlan, executionStats } from '../harness/query-plans.js';

/**
 * Every query the admin console sends, as MongoDB plans it: no collection scan, no in-memory sort,
 * and no index walk that reads far more keys than the page needs (the sign of walking an index
 * that serves the sort but not the filter). The queries come from the routes' own builders
 * (pageQueries with each resource's spec and filter, dashboardQueries), from query parameters
 * written the way ra-data-simple-rest writes them.
 */
const config = testConfig();
let mongo: Awaited<ReturnType<typeof connectTestMongo>>;

const USERS = 5_000;
const tenants: Types.ObjectId[] = [];
const userIds: Types.ObjectId[] = [];

/** The decoded query of ra-data-simple-rest's getList / getManyReference (page and perPage become a range). */
const list = (sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown> = {}): ListQuery => ({ sort, range, filter });

beforeAll(async () => {
  mongo = await connectTestMongo(config);
  const createdTenants = await TenantModel.insertMany(
    officeNames.map((name, index) => ({
      name,
      nameLower: name.toLowerCase(),
      plan: (['essential', 'plus', 'premium'] as const)[index % 3],
      requiresLoginLink: index % 3 !== 0,
    })),
  );
  tenants.push(...createdTenants.map((tenant) => tenant._id));
  const now = Date.now();
  const users = Array.from({ length: USERS }, (_, index) => {
    const { name, email, role, status, emailFailing } = person(index);
    const invitedAt = status === 'staged' ? null : new Date(now - ((index % 10) + 1) * 86_400_000);
    // Most users created in the console or already migrated have a login; some staged ones do not yet.
    const hasLogin = status !== 'staged' || index % 4 !== 0;
    return {
      _id: new Types.ObjectId(),
      tenantId: tenants[index % tenants.length]!,
      code: Math.floor(index / tenants.length) + 1,
      name,
      email: hasLogin ? email : undefined,
      proposedEmail: hasLogin ? null : email,
      role,
      locale: 'pt-BR' as const,
      status,
      statusChangedAt: new Date(now - (index % 500) * 60_000),
      invitedAt,
      emailFailing,
      createdAt: new Date(now - (USERS - index) * 1_000),
    };
  });
  for (let start = 0; start < users.length; start += 1_000) await UserModel.insertMany(users.slice(start, start + 1_000));
  userIds.push(...users.map((user) => user._id));

  const invited = users.filter((user) => user.invitedAt);
  await EmailLogModel.insertMany(
    invited.flatMap((user, index) =>
      (['invitation', 'reminder'] as const).slice(0, 1 + (index % 2)).map((template, n) => ({
        _id: `${template}:${randomUUID()}`,
        userId: user._id,
        tenantId: user.tenantId,
        to: user.email!,
        template,
        locale: 'pt-BR',
        subject: template,
        messageId: `<${randomUUID()}@test>`,
        status: user.emailFailing ? 'rejected' : index % 50 === 0 ? 'sending' : 'sent',
        sentAt: user.emailFailing ? null : new Date(user.invitedAt!.getTime() + n * 3_600_000),
      })),
    ),
  );
  await InvitationModel.insertMany(
    invited.map((user) => ({
      _id: randomUUID(),
      userId: user._id,
      tenantId: user.tenantId,
      tokenHash: createHash('sha256').update(randomUUID()).digest('hex'),
      email: user.email!,
      expiresAt: new Date(user.invitedAt!.getTime() + 7 * 86_400_000),
    })),
  );
  const actions = ['user.created', 'user.invited', 'user.registered', 'user.activated', 'user.updated'];
  await AuditEventModel.insertMany(
    users.flatMap((user, index) =>
      actions.slice(0, 1 + (index % actions.length)).map((action, n) => ({
        at: new Date(user.createdAt.getTime() + n * 60_000),
        actor: n === 0 ? { type: 'admin', id: 'a1', label: 'admin@example.com' } : { type: 'system', id: 'userActivation', label: 'lifecycle workflow' },
        action,
        entityType: 'user',
        entityId: String(user._id),
        tenantId: String(user.tenantId),
      })),
    ),
  );
}, 120_000);

afterAll(async () => {
  await mongo?.disconnect();
});

interface Expectations {
  /** The page's ids come from the index alone (no document read): what makes a deep page cheap. */
  covered?: boolean;
  /** An in-memory sort allowed only on top of this index: getMany's few ids, sorted as a list is. */
  sortOnlyOver?: string;
  /**
   * The plan walks an index in the sort's order and checks one more condition on each candidate
   * (reading it): still no scan and no sort, but the cost grows with the candidates, so the
   * key-count bound does not apply. Used for the search combined with another filter, and for a
   * search longer than the stored keys.
   */
  checksCandidates?: true;
}

/**
 * What is wrong with one query's plan; empty when it is served by an index as it should be.
 * `results` is what the query yields (default: what the plan returned; a count gives its count).
 */
async function planProblems(
  label: string,
  query: { explain(verbosity: string): PromiseLike<unknown> },
  options: Expectations & { skip?: number; results?: number } = {},
) {
  const explain = await query.explain('executionStats');
  const stages = allStages(explain);
  const problems: string[] = [];
  const plan = `${label}: ${describePlan(explain)}`;
  if (stages.some((stage) => stage.stage === 'COLLSCAN')) problems.push(`${plan} scans the collection`);
  const sort = stages.findIndex((stage) => stage.stage === 'SORT');
  if (sort >= 0 && !(options.sortOnlyOver && stages.slice(sort).some((stage) => stage.indexName === options.sortOnlyOver))) {
    problems.push(`${plan} sorts in memory`);
  }
  if (options.checksCandidates) return problems;
  if (options.covered && stages.some((stage) => stage.stage === 'FETCH')) problems.push(`${plan} reads documents`);
  const stats = executionStats(explain);
  const results = options.results ?? stats.nReturned;
  const skip = options.skip ?? 0;
  // Each result costs at most one key per index walked (the search walks two: name and e-mail),
  // plus the key that ends each walk.
  if (stats.totalKeysExamined > 2 * (skip + results) + 2) {
    problems.push(`${plan} examined ${stats.totalKeysExamined} index keys for ${results} results after skipping ${skip}`);
  }
  return problems;
}

/** A count: from the index alone (COUNT_SCAN, or index walks without reading documents). */
async function countProblems(label: string, count: NonNullable<ReturnType<typeof listQueries>['count']>, options: Expectations = {}) {
  const [{ n } = { n: 0 }] = await count;
  return planProblems(label, count, { ...options, covered: true, results: n });
}

/** The problems of a list's two queries: the page's ids and the total. */
async function listProblems(queries: Awaited<ReturnType<typeof pageQueries>>, expectations: Expectations = {}) {
  if (!queries.ids) return ['ids: no query (the page is past the end of the list)'];
  return [
    ...(await planProblems('ids', queries.ids, { ...expectations, skip: queries.skip })),
    ...(queries.count ? await countProblems('count', queries.count, expectations) : []),
  ];
}

/** The queries each list route runs for a request (its spec, its filter, findPage's queries). */
const usersList = (query: ListQuery) => {
  const { filter, sort, skip, limit } = parseListQuery(query, userListSpec);
  return pageQueries(UserModel, userListWhere(PLATFORM_SCOPE, filter), sort, skip, limit);
};
const tenantsList = (query: ListQuery) => {
  const { filter, sort, skip, limit } = parseListQuery(query, tenantListSpec);
  return pageQueries(TenantModel, tenantListWhere(PLATFORM_SCOPE, filter), sort, skip, limit);
};
type ReadOnly = typeof emailsResource | typeof auditResource | typeof invitationsResource;
/** Each read-only resource's kind of record (use-cases/records): the model and the filter its list runs. */
const recordKinds = { invitations: invitationLinks, emails: outgoingEmails, audit: auditTrail };
const readOnlyList = (resource: ReadOnly, query: ListQuery) => {
  const { filter, sort, skip, limit } = parseListQuery(query, resource.list as never);
  const kind = recordKinds[resource.name as keyof typeof recordKinds];
  return pageQueries(kind.model, (kind.where as (filter: unknown) => Record<string, unknown>)(filter), sort, skip, limit);
};

const tenant = () => String(tenants[3]);
const user = () => userIds.find((id, index) => person(index).status === 'active' && id)!.toString();

/** The users list as the console asks for it (admin/users/UserList.tsx, the tenant page, the dashboard's links). */
const userShapes: [string, () => ListQuery, Expectations?][] = [
  ...(['id', 'name', 'email', 'status', 'code', 'createdAt', 'statusChangedAt'] as const).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((order): [string, () => ListQuery, Expectations] => [
      `sorted by ${field} ${order}`,
      () => list([field, order], [0, 24]),
      { covered: true },
    ]),
  ),
  ['last page, default sort', () => list(['createdAt', 'DESC'], [USERS - 25, USERS - 1]), { covered: true }],
  ['middle page (the deepest walk), default sort', () => list(['createdAt', 'DESC'], [USERS / 2 - 25, USERS / 2 - 1]), { covered: true }],
  ['deep page by name', () => list(['name', 'ASC'], [USERS - 1025, USERS - 1001]), { covered: true }],
  ['deep page of a filter', () => list(['createdAt', 'DESC'], [1_100, 1_124], { status: 'invited' }), { covered: true }],
  ['status filter (a dashboard link)', () => list(['createdAt', 'DESC'], [0, 24], { status: 'registered' })],
  ['status filter, common status', () => list(['createdAt', 'DESC'], [0, 24], { status: 'invited' })],
  ['status filter by name', () => list(['name', 'ASC'], [0, 24], { status: 'expired' })],
  ['status filter by name, descending', () => list(['name', 'DESC'], [0, 24], { status: 'expired' })],
  ['tenant filter', () => list(['createdAt', 'DESC'], [0, 24], { tenantId: tenant() })],
  ['tenant and status filters', () => list(['createdAt', 'DESC'], [0, 24], { tenantId: tenant(), status: 'active' })],
  ['tenant page users, by code', () => list(['code', 'ASC'], [0, 24], { tenantId: tenant() })],
  ['tenant page users, by code, page 3', () => list(['code', 'DESC'], [50, 74], { tenantId: tenant() })],
  ['migration panel members', () => list(['code', 'ASC'], [0, 199], { tenantId: tenant(), status: ['invited', 'registered', 'active', 'staged'] })],
  ['role filter (supervisors)', () => list(['createdAt', 'DESC'], [0, 24], { role: 'supervisor' })],
  ['role filter (members)', () => list(['createdAt', 'DESC'], [0, 24], { role: 'member' })],
  ['e-mail failing', () => list(['createdAt', 'DESC'], [0, 24], { emailFailing: true })],
  ['search q, one letter', () => list(['createdAt', 'DESC'], [0, 24], { q: 'm' })],
  ['search q, a first name', () => list(['createdAt', 'DESC'], [0, 24], { q: 'Ana' })],
  ['search q, accented', () => list(['createdAt', 'DESC'], [0, 24], { q: 'JOÃO' })],
  ['search q, an e-mail start', () => list(['createdAt', 'DESC'], [0, 24], { q: 'luis.s' })],
  ['search q, a surname', () => list(['createdAt', 'DESC'], [0, 24], { q: 'costa' })],
  ['search q, without accents', () => list(['createdAt', 'DESC'], [0, 24], { q: 'joao' })],
  ['search q, a surname without accents', () => list(['createdAt', 'DESC'], [0, 24], { q: 'CONCEICAO' })],
  ['search q, two words', () => list(['createdAt', 'DESC'], [0, 24], { q: 'JOÃO S' })],
  ['search q, two surnames', () => list(['createdAt', 'DESC'], [0, 24], { q: 'silva c' })],
  ['search q, two words by name', () => list(['name', 'ASC'], [0, 24], { q: 'maria s' })],
  ['search q, longer than the keys', () => list(['createdAt', 'DESC'], [0, 24], { q: 'Fernanda Sil' }), { checksCandidates: true }],
  ['search q, a surname longer than the keys', () => list(['createdAt', 'DESC'], [0, 24], { q: 'nascimento so' }), { checksCandidates: true }],
  ['search q, rare', () => list(['createdAt', 'DESC'], [0, 24], { q: 'zed' })],
  ['search q by name', () => list(['name', 'ASC'], [0, 24], { q: 'fer' })],
  ['search q by name, descending', () => list(['name', 'DESC'], [0, 24], { q: 'fer' })],
  ['search q, second page', () => list(['createdAt', 'DESC'], [25, 49], { q: 'ma' })],
  ['search q with a status', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ma', status: 'active' }), { checksCandidates: true }],
  ['search q with a tenant', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ma', tenantId: tenant() }), { checksCandidates: true }],
];

describe('users list', () => {
  it.each(userShapes)('%s', async (_name, query, expectations) => {
    expect(await listProblems(await usersList(query()), expectations)).toEqual([]);
  });

  it('unfiltered totals come from metadata, not a count', async () => {
    expect((await usersList(list(['createdAt', 'DESC'], [0, 24]))).count).toBeNull();
  });

  it('a page in the second half is read from the end: the last pages cost what the first ones do', async () => {
    const queries = await usersList(list(['createdAt', 'DESC'], [USERS - 25, USERS - 1]));
    expect(queries).toMatchObject({ reversed: true, skip: 0 });
  });

  it('getMany (reference fields): the ids through _id, sorted only among themselves', async () => {
    const ids = userIds.slice(100, 125).map(String);
    expect(await listProblems(await usersList({ filter: { id: ids } }), { sortOnlyOver: '_id_' })).toEqual([]);
  });
});

describe('dashboard', () => {
  it('counts each status on the status index, lists and counts stuck users, the last e-mails', async () => {
    const queries = dashboardQueries(PLATFORM_SCOPE, new Date(Date.now() - 3 * 86_400_000));
    const problems: string[] = [];
    for (const { status, count } of queries.counts) {
      const explain = await count.explain('executionStats');
      if (!allStages(explain).some((stage) => stage.stage === 'COUNT_SCAN')) problems.push(`count of ${status}: ${describePlan(explain)} is not a COUNT_SCAN`);
    }
    problems.push(...(await planProblems('stuck', queries.stuck)));
    problems.push(...(await countProblems('stuck total', queries.stuckTotal)));
    problems.push(...(await planProblems('recent e-mails', queries.recentEmails)));
    expect(problems).toEqual([]);
  });
});

/** The e-mail log, the audit log and a user's page (its e-mails, invitation links and timeline). */
const readOnlyShapes: [string, ReadOnly, () => ListQuery][] = [
  ['e-mails, newest first', emailsResource, () => list(['createdAt', 'DESC'], [0, 24])],
  ...(['createdAt', 'sentAt', 'to', 'status'] as const).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((order): [string, ReadOnly, () => ListQuery] => [
      `e-mails sorted by ${field} ${order}`,
      emailsResource,
      () => list([field, order], [0, 24]),
    ]),
  ),
  ['e-mails by status', emailsResource, () => list(['createdAt', 'DESC'], [0, 24], { status: 'rejected' })],
  ['e-mails by template', emailsResource, () => list(['createdAt', 'DESC'], [0, 24], { template: 'reminder' })],
  ['e-mails to an address', emailsResource, () => list(['createdAt', 'DESC'], [0, 24], { to: person(7).email })],
  ["a user's e-mails", emailsResource, () => list(['createdAt', 'DESC'], [0, 9], { userId: user() })],
  ['audit, newest first', auditResource, () => list(['at', 'DESC'], [0, 49])],
  ['audit, deep page', auditResource, () => list(['at', 'DESC'], [5_000, 5_049])],
  ['audit of one entity', auditResource, () => list(['at', 'DESC'], [0, 49], { entityId: user() })],
  ["a user's timeline, oldest first", auditResource, () => list(['at', 'ASC'], [0, 199], { entityId: user() })],
  ['audit by action', auditResource, () => list(['at', 'DESC'], [0, 49], { action: 'user.registered' })],
  ['audit by actor type', auditResource, () => list(['at', 'DESC'], [0, 49], { actorType: 'admin' })],
  ['audit by entity type', auditResource, () => list(['at', 'DESC'], [0, 49], { entityType: 'user' })],
  ["a user's invitation links", invitationsResource, () => list(['createdAt', 'DESC'], [0, 9], { userId: user() })],
  // Not a console screen, but the resource's list through the API.
  ['invitation links, newest first', invitationsResource, () => list(['createdAt', 'DESC'], [0, 24])],
];

describe('e-mail log, audit log, invitation links', () => {
  it.each(readOnlyShapes)('%s', async (_name, resource, query) => {
    expect(await listProblems(await readOnlyList(resource, query()))).toEqual([]);
  });
});

describe('tenants list', () => {
  it.each([
    ['by name', () => list(['name', 'ASC'], [0, 24])],
    ['by name, descending', () => list(['name', 'DESC'], [0, 24])],
    ['newest first', () => list(['createdAt', 'DESC'], [0, 24])],
    ['by plan', () => list(['plan', 'ASC'], [0, 24])],
    ['search q by name', () => list(['name', 'ASC'], [0, 24], { q: 'Con' })],
    ['plan filter by name', () => list(['name', 'ASC'], [0, 24], { plan: 'plus' })],
    // The tenant pickers (ReferenceInput + AutocompleteInput) search sorted by id, newest first:
    // the matching tenants are sorted among themselves, as few as the tenants whose name starts so.
    ['tenant picker search', () => list(['id', 'DESC'], [0, 24], { q: 'Con' }), { sortOnlyOver: 'nameLower_1__id_1' }],
    // Reference fields (the users list's tenant column) get their tenants by id.
    ['getMany', () => ({ filter: { id: tenants.slice(0, 10).map(String) } }), { sortOnlyOver: '_id_' }],
  ] as [string, () => ListQuery, Expectations?][])('%s', async (_name, query, expectations) => {
    expect(await listProblems(await tenantsList(query()), expectations)).toEqual([]);
  });
});

describe('the check itself', () => {
  // Proof that the test can fail: without the index a shape needs, MongoDB either sorts in memory
  // or walks another index far past the page, and the check says so.
  it.each([
    ['status_1_createdAt_-1__id_-1', () => list(['createdAt', 'DESC'], [0, 24], { status: 'registered' })],
    ['nameKeys_1_createdAt_-1__id_-1', () => list(['createdAt', 'DESC'], [0, 24], { q: 'Ana' })],
    ['nameKeys_1_nameLower_1__id_1', () => list(['name', 'ASC'], [0, 24], { q: 'maria s' })],
    ['tenantId_1_code_1__id_1', () => list(['code', 'ASC'], [0, 24], { tenantId: tenant() })],
  ] as [string, () => ListQuery][])('flags the shape that needs %s once it is dropped', async (index, query) => {
    await UserModel.collection.dropIndex(index);
    try {
      expect(await listProblems(await usersList(query()))).not.toEqual([]);
    } finally {
      await UserModel.createIndexes();
    }
  });
});
