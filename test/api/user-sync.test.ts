import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { userSyncQuery, type UserSyncFilter } from '../../data/users.js';
import { UserModel } from '../../data/models/index.js';
import { activationStatuses, type ActivationStatus } from '../../domain/activation-status.js';
import { PLATFORM_SCOPE, tenantScope, type TenantScope } from '../../domain/tenant-scope.js';
import { apiClient, useTestApi, type ApiClient } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { insertUsers } from '../harness/bench-data.js';
import { testConfig } from '../harness/context.js';
import { allStages, describePlan, executionStats } from '../harness/query-plans.js';

/**
 * GET /api/v1/users, the sync list for other systems (issue 25, item 4): filters, the tenant
 * scope, cursor paging that refuses foreign cursors, the plan of each filter combination, and a
 * walk of 100,000 users that sees each once while they are being changed.
 */
const config = testConfig();
const env = useTestApi(config);

const statuses: ActivationStatus[] = ['staged', 'invited', 'active', 'inactive'];
let a: { id: string; users: string[] };
let b: { id: string; users: string[] };
let officeKey: ApiClient;

beforeAll(async () => {
  const [tenantA, tenantB] = [await apiTenant(env.admin, '/api/admin/tenants'), await apiTenant(env.admin, '/api/admin/tenants')];
  a = { id: tenantA.id, users: await insertUsers([tenantA.id], 40, statuses) };
  b = { id: tenantB.id, users: await insertUsers([tenantB.id], 12, statuses) };
  const key = await env.admin.post('/api/admin/api-keys', { name: 'A main system', tenantId: a.id });
  officeKey = apiClient(env.url, { headers: { authorization: `Bearer ${key.body.key}` } });
});

type SyncAnswer = { data: { id: string; tenantId: string; status: string; updatedAt: string }[]; nextCursor: string | null };

/** Every page from the first to the last, following nextCursor with the same filters; checks the Link header on the way. */
async function walk(client: ApiClient, filters: Record<string, string | string[]> = {}, limit = 1_000) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) for (const one of [value].flat()) params.append(name, one);
  params.set('limit', String(limit));
  const ids: string[] = [];
  const pages: SyncAnswer[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams(params);
    if (cursor) query.set('cursor', cursor);
    const answer = await client.get(`/api/v1/users?${query}`);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    const page = answer.body as SyncAnswer;
    pages.push(page);
    ids.push(...page.data.map((user) => user.id));
    cursor = page.nextCursor;
    // The Link header names the next page: the same filters (statuses repeated) and limit, the next cursor.
    const link = answer.headers.get('link');
    if (cursor) {
      const next = new URL(/^<(.+)>; rel="next"$/.exec(link ?? '')![1]!);
      expect(`${next.origin}${next.pathname}`).toBe(`${config.publicUrl}/api/v1/users`);
      expect(Object.fromEntries(next.searchParams)).toMatchObject({
        ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
        limit: String(limit),
        cursor,
      });
      expect(next.searchParams.getAll('status')).toEqual([filters.status ?? []].flat().flatMap((status) => status.split(',')));
      expect(next.searchParams.get('updatedSince')).toBe(filters.updatedSince ?? null);
    } else expect(link).toBeNull();
  } while (cursor);
  return { ids, pages };
}

const sorted = (ids: string[]) => [...ids].sort();
/** Of users inserted by insertUsers with `statuses`, those inserted in one of these. */
const inStatus = (users: string[], ...wanted: ActivationStatus[]) => users.filter((_, index) => wanted.includes(statuses[index % statuses.length]!));

describe('GET /api/v1/users: the sync list', () => {
  it('answers users as the API shows them, in id order, a page at a time, with the filters', async () => {
    const first = await env.integration.get(`/api/v1/users?tenantId=${a.id}&limit=15`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(15);
    // Each user as the API shows users elsewhere.
    expect(first.body.data[0]).toEqual((await env.admin.get(`/api/admin/users/${sorted(a.users)[0]}`)).body);
    expect(typeof first.body.nextCursor).toBe('string');

    const byTenant = await walk(env.integration, { tenantId: a.id }, 15);
    expect(byTenant.pages.map((page) => page.data.length)).toEqual([15, 15, 10]);
    expect(byTenant.ids).toEqual(sorted(a.users));
    // No page past the last one: 40 users in pages of 20 are two pages.
    expect((await walk(env.integration, { tenantId: a.id }, 20)).pages).toHaveLength(2);
    // The default page is 100 users.
    expect((await env.integration.get(`/api/v1/users?tenantId=${a.id}`)).body.data).toHaveLength(40);

    const invitedOrActive = inStatus(a.users, 'invited', 'active');
    const repeated = await walk(env.integration, { tenantId: a.id, status: ['invited', 'active'] }, 7);
    expect(repeated.ids).toEqual(sorted(invitedOrActive));
    expect(repeated.pages.flatMap((page) => page.data).every((user) => user.status === 'invited' || user.status === 'active')).toBe(true);
    expect((await walk(env.integration, { tenantId: a.id, status: 'active,invited' }, 7)).ids).toEqual(repeated.ids);
    // Every tenant's, for the platform's key.
    expect((await walk(env.integration, { status: 'inactive' })).ids).toEqual(sorted([...inStatus(a.users, 'inactive'), ...inStatus(b.users, 'inactive')]));

    // updatedSince: users changed at or after the instant. Some of A's were last changed a day ago.
    const dayAgo = new Date(Date.now() - 86_400_000);
    const old = a.users.slice(0, 25);
    await UserModel.collection.updateMany({ _id: { $in: old.map((id) => new Types.ObjectId(id)) } }, { $set: { updatedAt: dayAgo } });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect((await walk(env.integration, { tenantId: a.id, updatedSince: since }, 4)).ids).toEqual(sorted(a.users.slice(25)));
    expect((await walk(env.integration, { tenantId: a.id, updatedSince: dayAgo.toISOString() }, 4)).ids).toEqual(sorted(a.users));
    // An offset says the same instant: at or after it.
    const atDayAgo = new Date(dayAgo.getTime() - 3 * 3_600_000).toISOString().replace('Z', '-03:00');
    expect((await walk(env.integration, { tenantId: a.id, updatedSince: atDayAgo }, 4)).ids).toEqual(sorted(a.users));
    const all3 = await walk(env.integration, { tenantId: a.id, status: ['staged', 'inactive'], updatedSince: since }, 2);
    expect(all3.ids).toEqual(sorted(inStatus(a.users, 'staged', 'inactive').filter((id) => !old.includes(id))));
    // Across tenants, the platform's key: A's recent ones and all of B's.
    expect((await walk(env.integration, { updatedSince: since })).ids).toEqual(expect.arrayContaining(sorted([...a.users.slice(25), ...b.users])));
    expect((await walk(env.integration, { updatedSince: since })).ids).not.toContain(a.users[0]);
  });

  it("keeps an office's key to its own office: without tenantId its own, another one OTHER_TENANT", async () => {
    expect((await walk(officeKey, {}, 10)).ids).toEqual(sorted(a.users));
    expect((await walk(officeKey, { tenantId: a.id, status: 'invited' }, 10)).ids).toEqual(sorted(inStatus(a.users, 'invited')));
    for (const query of [`tenantId=${b.id}`, `tenantId=${b.id}&status=invited`, `tenantId=${b.id.toUpperCase()}`]) {
      const refused = await officeKey.get(`/api/v1/users?${query}`);
      expect([refused.status, refused.body.error.code], query).toEqual([403, 'OTHER_TENANT']);
      expect(refused.body.error.fields).toEqual([{ path: 'tenantId', message: 'names another tenant' }]);
      expect(JSON.stringify(refused.body)).not.toContain(b.users[0]);
    }
    // A cursor the platform's key got for B's list gets nothing of B either.
    const bCursor = (await env.integration.get(`/api/v1/users?tenantId=${b.id}&limit=1`)).body.nextCursor as string;
    expect((await officeKey.get(`/api/v1/users?tenantId=${b.id}&limit=1&cursor=${bCursor}`)).status).toBe(403);
    const mixed = await officeKey.get(`/api/v1/users?limit=1&cursor=${bCursor}`);
    expect([mixed.status, mixed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a bad cursor and bad filters with a 400 naming the parameter', async () => {
    const before = await UserModel.find({ tenantId: new Types.ObjectId(a.id) })
      .sort({ _id: 1 })
      .lean();
    const first = await env.integration.get(`/api/v1/users?tenantId=${a.id}&status=invited&limit=2`);
    const cursor = first.body.nextCursor as string;
    const refusal = async (query: string) => {
      const answer = await env.integration.get(`/api/v1/users?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe('VALIDATION_FAILED');
      return answer.body.error as { message: string; fields: { path: string; message: string }[] };
    };
    for (const query of [`cursor=garbage`, `cursor=${cursor.slice(0, -3)}`, `cursor=${Buffer.from('{"v":1}').toString('base64url')}`, 'cursor=']) {
      const error = await refusal(`tenantId=${a.id}&status=invited&limit=2&${query}`);
      expect(
        error.fields.map((field) => field.path),
        query,
      ).toEqual(['cursor']);
    }
    expect((await refusal(`tenantId=${a.id}&status=invited&cursor=garbage`)).fields[0]!.message).toMatch(/^is not a cursor this list gave out/);
    // The same cursor with other filters: refused, saying which filters it belongs to.
    for (const other of [
      `tenantId=${a.id}&status=active`,
      `tenantId=${a.id}`,
      'status=invited',
      `tenantId=${a.id}&status=invited&updatedSince=2020-01-01T00:00:00Z`,
    ]) {
      const error = await refusal(`${other}&cursor=${cursor}`);
      expect(error.fields[0]!.path).toBe('cursor');
      expect(error.fields[0]!.message, other).toContain(`was given out for other filters (tenantId=${a.id}&status=invited;`);
    }
    // Another page size and another spelling of the same filters are the same walk.
    const next = await env.integration.get(`/api/v1/users?status=invited&tenantId=${a.id.toUpperCase()}&limit=5&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data.map((user: { id: string }) => user.id)[0]).toBe(sorted(inStatus(a.users, 'invited'))[2]);

    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['status=someday', 'status'],
      ['status=', 'status'],
      ['status=invited,someday', 'status'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['updatedSince=2025-02-30T00:00:00Z', 'updatedSince'],
      ['tenantId=not-an-id', 'tenantId'],
    ]) {
      const error = await refusal(query!);
      expect(
        error.fields.map((field) => field.path.split('.')[0]),
        query,
      ).toContain(path);
    }
    // Nothing changed.
    expect(
      await UserModel.find({ tenantId: new Types.ObjectId(a.id) })
        .sort({ _id: 1 })
        .lean(),
    ).toEqual(before);
  });

  it('walks 100,000 users, each exactly once, while they are being changed and others are added', { timeout: 300_000 }, async () => {
    const seedStarted = performance.now();
    const offices = [await apiTenant(env.admin, '/api/admin/tenants'), await apiTenant(env.admin, '/api/admin/tenants')].map((tenant) => tenant.id);
    await insertUsers(offices, 100_000, statuses);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Every user that exists when the walk starts (the 100,000 and the other tests').
    const existing = (await UserModel.find({}, { _id: 1 }).lean()).map((user) => String(user._id));
    expect(existing.length).toBeGreaterThanOrEqual(100_000);

    // Meanwhile: random users renamed and moved to another status, ahead of the walk and behind it, a batch at a time; new users added.
    let walking = true;
    let updated = 0;
    const added: string[] = [];
    const changer = (async () => {
      const extra = await apiTenant(env.admin, '/api/admin/tenants');
      let code = 1;
      while (walking) {
        const batch = Array.from({ length: 100 }, () => existing[Math.floor(Math.random() * existing.length)]!);
        const result = await UserModel.bulkWrite(
          batch.map((id, index) => ({
            updateOne: {
              filter: { _id: new Types.ObjectId(id) },
              update: {
                $set: {
                  name: `Renamed ${updated + index}`,
                  status: activationStatuses[(updated + index) % activationStatuses.length],
                  statusChangedAt: new Date(),
                },
              },
            },
          })),
          { ordered: false },
        );
        updated += result.modifiedCount;
        const [user] = await UserModel.create([
          { tenantId: extra.id, code: code++, name: 'Added Later', role: 'member', locale: 'en', status: 'staged', statusChangedAt: new Date() },
        ]);
        added.push(String(user!._id));
      }
    })();

    const walkStarted = performance.now();
    let seen: string[];
    try {
      seen = (await walk(env.integration, {}, 1_000)).ids;
    } finally {
      walking = false;
      await changer;
    }
    const walkSeconds = (performance.now() - walkStarted) / 1000;
    console.log(
      `sync walk: ${seen.length} users in ${walkSeconds.toFixed(1)} s (pages of 1,000) while ${updated} changes and ${added.length} new users were written; seeding 100,000 took ${seedSeconds.toFixed(1)} s`,
    );
    expect(updated).toBeGreaterThan(1_000);
    expect(new Set(seen).size, 'no user twice').toBe(seen.length);
    const seenSet = new Set(seen);
    expect(
      existing.filter((id) => !seenSet.has(id)),
      'every user that existed at the start',
    ).toEqual([]);
    const existingSet = new Set(existing);
    const addedSet = new Set(added);
    expect(seen.filter((id) => !existingSet.has(id) && !addedSet.has(id))).toEqual([]);
    expect(seen).toEqual(sorted(seen));
  });

  it('serves every filter combination from an index: no collection scan, no in-memory sort', async () => {
    const sample = await UserModel.findOne({}, { _id: 1, tenantId: 1 }).sort({ _id: 1 }).skip(50_000).lean();
    const tenantId = String(sample!.tenantId);
    const after = String(sample!._id);
    const since = new Date(Date.now() - 60_000);
    const combinations: [string, TenantScope, UserSyncFilter][] = [
      ['none', PLATFORM_SCOPE, {}],
      ['tenantId', PLATFORM_SCOPE, { tenantId }],
      ["an office's own", tenantScope(tenantId), {}],
      ['status', PLATFORM_SCOPE, { status: ['invited'] }],
      ['statuses', PLATFORM_SCOPE, { status: ['invited', 'active'] }],
      ['tenantId + status', PLATFORM_SCOPE, { tenantId, status: ['invited'] }],
      ['tenantId + statuses', PLATFORM_SCOPE, { tenantId, status: ['invited', 'active', 'inactive'] }],
      ['updatedSince', PLATFORM_SCOPE, { updatedSince: since }],
      ['tenantId + updatedSince', PLATFORM_SCOPE, { tenantId, updatedSince: since }],
      ['status + updatedSince', PLATFORM_SCOPE, { status: ['active'], updatedSince: since }],
      ['tenantId + statuses + updatedSince', PLATFORM_SCOPE, { tenantId, status: ['invited', 'active'], updatedSince: since }],
    ];
    const problems: string[] = [];
    for (const [name, scope, filter] of combinations) {
      for (const position of [null, after]) {
        const explain = await userSyncQuery(scope, filter, position, 1_001).explain('executionStats');
        const stages = allStages(explain).map((stage) => stage.stage);
        const plan = `${name}${position ? ' (after a cursor)' : ''}: ${describePlan(explain)}`;
        if (stages.includes('COLLSCAN') || stages.includes('SORT')) problems.push(plan);
        if (!stages.includes('IXSCAN')) problems.push(`${plan}: no index`);
        if ((filter.tenantId || scope.kind === 'tenant') && !/IXSCAN\(tenantId_1_/.test(describePlan(explain))) problems.push(`${plan}: not on a tenant index`);
        const stats = executionStats(explain);
        // A filter the walk's index holds is checked on its keys: no document read that is not
        // returned. The others are read (data/models/user.ts): a status within an office, updatedSince without one.
        const office = Boolean(filter.tenantId) || scope.kind === 'tenant';
        const onKeys = office ? !filter.status : !filter.updatedSince;
        if (onKeys && stats.totalDocsExamined > stats.nReturned) problems.push(`${plan}: ${JSON.stringify(stats)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
