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
import { afterCursor, boundedPageQueries, decodeCursor, encodeCursor, pageQueries, type listQueries } from '../../data/paged-list.js';
import { countPass } from '../../data/user-counts.js';
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

/** The queries each list route runs for a request (its spec, its filter, findPage's or findBoundedPage's queries). */
const usersList = (query: ListQuery, options: { hint?: boolean } = {}) => {
  const { filter, ...page } = parseListQuery(query, userListSpec);
  return boundedPageQueries(UserModel, userListWhere(PLATFORM_SCOPE, filter), page, ['email'], options);
};
type BoundedQueries = ReturnType<typeof usersList>;

/**
 * The problems of a bounded list's queries (data/paged-list.ts findBoundedPage): the page's ids with
 * its sort values (one more than the page), walked on an index in the list's order, and the total
 * counted up to 10,001 on an index. A shape no index orders (`inMemory`) is sorted by MongoDB over
 * its matches, which the list allows up to 10,000 of them: no collection scan still.
 */
async function boundedListProblems(queries: BoundedQueries, skip: number, expectations: Expectations & { inMemory?: true } = {}) {
  if (expectations.inMemory) {
    const problems = queries.ordered ? ['the list says an index orders it'] : [];
    for (const [label, query] of [
      ['ids', queries.ids],
      ['count', queries.count],
    ] as const) {
      if (query && allStages(await query.explain('executionStats')).some((stage) => stage.stage === 'COLLSCAN')) problems.push(`${label} scans the collection`);
    }
    return problems;
  }
  return [
    ...(queries.ordered ? [] : ['no index orders the list: it would be sorted in memory']),
    ...(await planProblems('ids', queries.ids, { ...expectations, skip })),
    ...(queries.count ? await countProblems('count', queries.count, expectations) : []),
  ];
}
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
const userShapes: [string, () => ListQuery, (Expectations & { inMemory?: true })?][] = [
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
  [
    'who may update the accounts (the review too)',
    () => list(['code', 'ASC'], [0, 199], { tenantId: tenant(), status: ['invited', 'registered', 'linking', 'active', 'staged'], includeReview: true }),
  ],
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

  // The commonest starts of a national base, up to the keys' 16 characters: one key each, however common.
  ['search q, three words on the commonest start', () => list(['createdAt', 'DESC'], [0, 24], { q: 'maria da silva s' })],
  ['search q, a first name and a number', () => list(['createdAt', 'DESC'], [0, 24], { q: 'joão silva 9' })],
  ['search q, a compound first name and a surname', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ana paula santos' })],
  ['search q, an e-mail past its first name', () => list(['createdAt', 'DESC'], [0, 24], { q: 'maria.silva' })],
  ['search q, rare', () => list(['createdAt', 'DESC'], [0, 24], { q: 'zed' })],
  ['search q, second page', () => list(['createdAt', 'DESC'], [25, 49], { q: 'ma' })],
  // No index has the search keys in these orders: MongoDB sorts the matches, up to 10,000 of them.
  ['search q by name', () => list(['name', 'ASC'], [0, 24], { q: 'fer' }), { inMemory: true }],
  ['search q, two words by name', () => list(['name', 'ASC'], [0, 24], { q: 'maria s' }), { inMemory: true }],
  ['search q by name, descending', () => list(['name', 'DESC'], [0, 24], { q: 'fer' }), { inMemory: true }],
  ['search q by code', () => list(['code', 'ASC'], [0, 24], { q: 'ana' }), { inMemory: true }],
  ['role filter by name', () => list(['name', 'ASC'], [0, 24], { role: 'supervisor' }), { inMemory: true }],
  // Each other sort the console offers, with a status or a tenant.
  ...(['code', 'email', 'status', 'statusChangedAt', 'name', 'createdAt'] as const).flatMap((field) =>
    (['ASC', 'DESC'] as const).flatMap((order): [string, () => ListQuery, Expectations][] => [
      [`status filter sorted by ${field} ${order}`, () => list([field, order], [0, 24], { status: 'invited' }), { covered: true }],
      [`tenant filter sorted by ${field} ${order}`, () => list([field, order], [0, 24], { tenantId: tenant() }), { covered: true }],
    ]),
  ),
  ['search q with a status', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ma', status: 'active' }), { checksCandidates: true }],
  ['search q with a tenant', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ma', tenantId: tenant() }), { checksCandidates: true }],
];

describe('users list', () => {
  it.each(userShapes)('%s', async (_name, query, expectations) => {
    const request = query();
    expect(await boundedListProblems(usersList(request), request.range![0], expectations)).toEqual([]);
  });

  it('unfiltered totals are the listed users, counted up to 10,001 on their index, reading no document', async () => {
    const count = usersList(list(['createdAt', 'DESC'], [0, 24])).count!;
    expect(count.pipeline()[0]).toEqual({ $match: { listed: true } });
    const stages = allStages(await count.explain('executionStats'));
    expect(stages.some((stage) => stage.stage === 'COLLSCAN' || stage.stage === 'FETCH')).toBe(false);
    expect(stages.some((stage) => stage.stage === 'COUNT_SCAN' || stage.stage === 'IXSCAN')).toBe(true);
  });

  it('getMany (reference fields): the ids through _id, sorted only among themselves', async () => {
    const ids = userIds.slice(100, 125).map(String);
    const queries = usersList({ filter: { id: ids } });
    expect(await planProblems('ids', queries.ids, { sortOnlyOver: '_id_' })).toEqual([]);
  });

  /** The cursor of the row at `position` in this list, as the page before it would have answered it. */
  const cursorAt = async (query: ListQuery, position: number) => {
    const { filter, sort } = parseListQuery(query, userListSpec);
    const [row] = await UserModel.find(userListWhere(PLATFORM_SCOPE, filter), Object.fromEntries(Object.keys(sort).map((field) => [field, 1])))
      .sort(sort)
      .skip(position)
      .limit(1)
      .lean();
    return encodeCursor(sort, row!);
  };
  // A page after a cursor seeks to the cursor's key: it reads the page's keys, not the rows before it.
  it.each([
    ['newest first', () => list(['createdAt', 'DESC'], [0, 24])],
    ['by name', () => list(['name', 'ASC'], [0, 24])],
    ['by name, descending', () => list(['name', 'DESC'], [0, 24])],
    ['by e-mail (some users have none yet)', () => list(['email', 'ASC'], [0, 24])],
    // Descending, the users without an e-mail come last: a branch of their own, which MongoDB reads
    // (an index key null stands for null and for missing), one row ahead while the page is before them.
    ['by e-mail, descending', () => list(['email', 'DESC'], [0, 24]), {}],
    ['by code', () => list(['code', 'ASC'], [0, 24])],
    ['by status', () => list(['status', 'DESC'], [0, 24])],
    ['a status, by status change', () => list(['statusChangedAt', 'DESC'], [0, 24], { status: 'invited' })],
    ['a status, by status', () => list(['status', 'ASC'], [0, 24], { status: 'active' })],
    ['a tenant, by name', () => list(['name', 'ASC'], [0, 24], { tenantId: tenant() })],
    ['a search', () => list(['createdAt', 'DESC'], [0, 24], { q: 'ma' })],
  ] as [string, () => ListQuery, Expectations?][])('keyset page %s, deep in the list', async (_name, query, expectations = { covered: true }) => {
    const deep = Math.floor(USERS / 10) * 9;
    const total = await UserModel.countDocuments(userListWhere(PLATFORM_SCOPE, parseListQuery(query(), userListSpec).filter));
    const after = await cursorAt(query(), Math.min(deep, total - 30));
    expect(await boundedListProblems(usersList({ ...query(), after }), 0, expectations)).toEqual([]);
  });

  it('a keyset page holds the rows that follow the cursor, in order, whichever the sort', async () => {
    for (const [field, order] of [
      ['email', 'ASC'],
      ['email', 'DESC'],
      ['name', 'DESC'],
      ['status', 'ASC'],
      ['code', 'DESC'],
    ] as const) {
      const query = list([field, order], [0, 24]);
      const { filter, sort } = parseListQuery(query, userListSpec);
      const where = userListWhere(PLATFORM_SCOPE, filter);
      const all = (await UserModel.find(where, { _id: 1 }).sort(sort).lean()).map((user) => String(user._id));
      for (const position of [0, 1_249, 3_999]) {
        const page = await UserModel.find(afterCursor(where, sort, decodeCursor(sort, await cursorAt(query, position)), ['email']), { _id: 1 })
          .sort(sort)
          .limit(25)
          .lean();
        expect(page.map((user) => String(user._id))).toEqual(all.slice(position + 1, position + 26));
      }
    }
  });

  it('a search longer than the keys (16 characters) is a range over the whole texts: its few matches sorted in memory, on the search index', async () => {
    for (const q of ['maria da silva santos', 'francisca.oliveira1']) {
      const queries = usersList(list(['createdAt', 'DESC'], [0, 24], { q }));
      expect(queries.ordered).toBe(false);
      const stages = allStages(await queries.ids.explain('executionStats'));
      expect(stages.some((stage) => stage.stage === 'COLLSCAN')).toBe(false);
      expect(stages.filter((stage) => stage.stage === 'IXSCAN').every((stage) => /^listed_1_(name|email)Keys_1/.test(String(stage.indexName)))).toBe(true);
    }
  });
});

describe('dashboard', () => {
  it("a large scope's counts: one pass over the index on tenant and status, reading no document", async () => {
    const stages = allStages(await countPass().explain('executionStats'));
    expect(stages.some((stage) => stage.stage === 'COLLSCAN' || stage.stage === 'FETCH')).toBe(false);
    // The index every user enters (those an import staged too, whom the lists' indexes leave out).
    expect(stages.some((stage) => stage.indexName === 'tenantId_1_status_1_invitedAt_1__id_1')).toBe(true);
  });

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
    ['listed_1_status_1_createdAt_-1__id_-1', () => list(['createdAt', 'DESC'], [0, 24], { status: 'registered' })],
    ['listed_1_nameKeys_1_createdAt_-1__id_-1', () => list(['createdAt', 'DESC'], [0, 24], { q: 'Ana' })],
    ['listed_1_tenantId_1_nameLower_1__id_1', () => list(['name', 'ASC'], [0, 24], { tenantId: tenant() })],
    ['listed_1_status_1_code_1__id_1', () => list(['code', 'ASC'], [0, 24], { status: 'active' })],
    ['listed_1_tenantId_1_statusChangedAt_-1__id_-1', () => list(['statusChangedAt', 'DESC'], [0, 24], { tenantId: tenant() })],
  ] as [string, () => ListQuery][])('flags the shape that needs %s once it is dropped', async (index, query) => {
    await UserModel.collection.dropIndex(index);
    try {
      // Without the index its hint names, the list plans without a hint (findBoundedPage).
      expect(await boundedListProblems(usersList(query(), { hint: false }), 0)).not.toEqual([]);
    } finally {
      await UserModel.createIndexes();
    }
  });
});
