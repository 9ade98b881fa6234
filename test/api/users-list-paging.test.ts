import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { emailSearchKeys, nameSearchKeys } from '../../data/models/user-search.js';
import { useTestApi, type Answer } from '../harness/api-client.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { testConfig } from '../harness/context.js';

/**
 * The users list past 10,000 rows (api/admin/simple-rest.ts `bounded`, data/paged-list.ts
 * findBoundedPage), through the admin API as the console calls it: offsets up to row 10,000 and a
 * specific refusal beyond, a cursor that goes on at any depth, "more than 10,000" instead of a
 * count, and a sort no index serves refused when more than 10,000 match.
 */
const config = testConfig();
const env = useTestApi(config);

const BIG = 10_050;
const big = new Types.ObjectId();
const small = new Types.ObjectId();
const surnames = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima'];

const list = (sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown> = {}, after?: string) =>
  `/api/admin/users?${new URLSearchParams({ sort: JSON.stringify(sort), range: JSON.stringify(range), filter: JSON.stringify(filter), ...(after ? { after } : {}) })}`;
const ids = (answer: Answer) => (answer.body as { id: string }[]).map((user) => user.id);

beforeAll(async () => {
  // Written straight to MongoDB, as bench:admin seeds, with the keys every write derives.
  const now = Date.now();
  const person = (tenantId: Types.ObjectId, i: number) => ({
    _id: new Types.ObjectId(),
    tenantId,
    code: i + 1,
    name: `Pessoa ${surnames[i % 5]} ${i}`,
    nameLower: `pessoa ${surnames[i % 5]!.toLowerCase()} ${i}`,
    nameKeys: nameSearchKeys(`Pessoa ${surnames[i % 5]} ${i}`),
    emailKeys: emailSearchKeys(`pessoa${i}.${String(tenantId)}@example.com`),
    // One in ten has no login yet: the e-mail sort puts them first.
    ...(i % 10 === 0 ? {} : { email: `pessoa${i}.${String(tenantId)}@example.com` }),
    role: 'member',
    locale: 'pt-BR',
    status: (['staged', 'invited', 'active'] as const)[i % 3],
    statusChangedAt: new Date(now - i * 1_000),
    listed: true,
    // Some share a creation time: the cursor's _id breaks the tie.
    createdAt: new Date(now - Math.floor(i / 3) * 1_000),
    updatedAt: new Date(now),
  });
  const users = Array.from({ length: BIG }, (_, i) => person(big, i));
  for (let start = 0; start < users.length; start += 5_000) await UserModel.collection.insertMany(users.slice(start, start + 5_000));
  await UserModel.collection.insertMany([0, 1, 2].map((i) => ({ ...person(small, i), role: 'supervisor' })));
}, 120_000);

describe('offsets', () => {
  it('page by offset up to row 10,000, and refuse deeper offsets with PAGE_TOO_DEEP', async () => {
    const last = await env.admin.get(list(['name', 'ASC'], [9_975, 9_999], { tenantId: String(big) }));
    expect(last.status).toBe(200);
    expect(last.headers.get('content-range')).toBe('users 9975-9999/*');
    const beyond = await env.admin.get(list(['name', 'ASC'], [10_000, 10_024], { tenantId: String(big) }));
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toMatchObject({ code: 'PAGE_TOO_DEEP', message: expect.stringMatching(/10,000/) });
    const portuguese = await env.admin.get(list(['createdAt', 'DESC'], [500_000, 500_024]), { 'accept-language': 'pt-BR' });
    expect(portuguese.body.error).toMatchObject({ code: 'PAGE_TOO_DEEP', message: expect.stringMatching(/refine a busca/) });
  });
});

describe('totals', () => {
  it('counts up to 10,000; past it the list says "more than 10,000" and no number', async () => {
    const many = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { tenantId: String(big) }));
    expect(many.headers.get('content-range')).toBe('users 0-24/*');
    expect(many.headers.get('x-total-exceeds')).toBe('10000');
    expect(many.headers.get('x-next-cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(many.headers.get('access-control-expose-headers')).toBe('Content-Range, X-Total-Exceeds, X-Next-Cursor');
    const few = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { tenantId: String(small) }));
    expect(few.headers.get('content-range')).toBe('users 0-2/3');
    expect(few.headers.has('x-total-exceeds')).toBe(false);
    // The last page has no next one.
    expect(few.headers.has('x-next-cursor')).toBe(false);
    const invited = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { tenantId: String(big), status: 'invited' }));
    expect(invited.headers.get('content-range')).toBe(`users 0-24/${BIG / 3}`);
  });
});

describe('cursors', () => {
  /** Every page of a list, each from the cursor of the one before, as the console and an export read them. */
  async function walk(sort: [string, 'ASC' | 'DESC'], filter: Record<string, unknown>, perPage: number) {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await env.admin.get(list(sort, [0, perPage - 1], filter, after));
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      after = page.headers.get('x-next-cursor') ?? undefined;
      if (!after) return seen;
    }
    throw new Error('the walk did not end');
  }

  it.each([
    ['name', 'ASC'],
    ['email', 'DESC'],
    ['email', 'ASC'],
    ['createdAt', 'DESC'],
    ['status', 'ASC'],
  ] as [string, 'ASC' | 'DESC'][])('go on from the last row, past row 10,000, each user once, in order (by %s %s)', async (field, order) => {
    const seen = await walk([field, order], { tenantId: String(big) }, 1_000);
    const sortField = { name: 'nameLower', email: 'email', createdAt: 'createdAt', status: 'status' }[field]!;
    const direction = order === 'ASC' ? 1 : -1;
    const expected = await UserModel.find({ tenantId: big }, { _id: 1 })
      .sort({ [sortField]: direction, _id: direction })
      .lean();
    expect(seen).toHaveLength(BIG);
    expect(seen).toEqual(expected.map((user) => String(user._id)));
  });

  it('keep their place when users are added before them', async () => {
    const first = await env.admin.get(list(['createdAt', 'DESC'], [0, 1], { tenantId: String(small) }));
    await UserModel.collection.insertOne({
      tenantId: small,
      code: 99,
      name: 'Nova',
      nameLower: 'nova',
      role: 'member',
      locale: 'pt-BR',
      status: 'staged',
      statusChangedAt: new Date(),
      listed: true,
      createdAt: new Date(Date.now() + 60_000),
      updatedAt: new Date(),
    });
    const second = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { tenantId: String(small) }, first.headers.get('x-next-cursor')!));
    expect(ids(second)).toHaveLength(1);
    expect(ids(second)).not.toContain(ids(first)[0]);
    await UserModel.deleteOne({ tenantId: small, code: 99 });
  });

  it('refuse a cursor written for another sort, and one the API did not write', async () => {
    const byName = await env.admin.get(list(['name', 'ASC'], [0, 24], { tenantId: String(big) }));
    const cursor = byName.headers.get('x-next-cursor')!;
    for (const query of [
      list(['createdAt', 'DESC'], [0, 24], { tenantId: String(big) }, cursor),
      list(['name', 'DESC'], [0, 24], { tenantId: String(big) }, cursor),
      list(['name', 'ASC'], [0, 24], {}, Buffer.from('{"s":"nameLower,_id","v":[{"$gt":""},null]}').toString('base64url')),
      list(['name', 'ASC'], [0, 24], {}, 'bm90IGpzb24'),
    ]) {
      const refused = await env.admin.get(query);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('INVALID_CURSOR');
    }
  });

  it("keep an office's list to its own users, whatever the cursor", async () => {
    const office = await consoleAccount(env, 'tenant admin');
    const platform = await env.admin.get(list(['createdAt', 'DESC'], [0, 24]));
    const page = await office.client.get(list(['createdAt', 'DESC'], [0, 24], {}, platform.headers.get('x-next-cursor')!));
    expect(page.status).toBe(200);
    const tenants = new Set((page.body as { tenantId: string }[]).map((user) => user.tenantId));
    expect([...tenants].every((tenantId) => tenantId !== String(big) && tenantId !== String(small))).toBe(true);
  });
});

describe('an index the code names', () => {
  it('not built yet (an upgrade builds it at start-up), the list is answered without it', async () => {
    await UserModel.collection.dropIndex('listed_1_tenantId_1_nameLower_1__id_1');
    await UserModel.collection.dropIndex('listed_1_nameKeys_1_createdAt_-1__id_-1');
    try {
      const page = await env.admin.get(list(['name', 'ASC'], [0, 2], { tenantId: String(small) }));
      expect(page.status).toBe(200);
      expect((page.body as { name: string }[]).map((user) => user.name)).toEqual(['Pessoa Oliveira 2', 'Pessoa Santos 1', 'Pessoa Silva 0']);
      const search = await env.admin.get(list(['name', 'ASC'], [0, 24], { q: 'pessoa silva', tenantId: String(small) }));
      expect((search.body as { name: string }[]).map((user) => user.name)).toEqual(['Pessoa Silva 0']);
    } finally {
      await UserModel.createIndexes();
    }
  });
});

describe('a search with a filter', () => {
  it('is counted when a part of it has at most 10,000 candidates, and otherwise says "more than" the rows shown', async () => {
    const few = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { q: 'pessoa', role: 'supervisor' }));
    expect(few.headers.get('content-range')).toBe('users 0-2/3');
    const inOffice = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { q: 'pessoa silva', tenantId: String(big), status: 'invited' }));
    expect(inOffice.headers.get('content-range')).toBe(`users 0-24/${Math.ceil(BIG / 15)}`);
    // More than 10,000 are called Pessoa and more than 10,000 are members: the total is not counted.
    const many = await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { q: 'pessoa', role: 'member' }));
    expect(many.status).toBe(200);
    expect(many.headers.get('content-range')).toBe('users 0-24/*');
    expect(many.headers.get('x-total-exceeds')).toBe('25');
    const next = await env.admin.get(list(['createdAt', 'DESC'], [25, 49], { q: 'pessoa', role: 'member' }));
    expect(next.headers.get('x-total-exceeds')).toBe('50');
    // Nor sorted in memory.
    expect((await env.admin.get(list(['name', 'ASC'], [0, 24], { q: 'pessoa', role: 'member' }))).status).toBe(422);
  });

  it('goes on from a cursor whichever way it is read: few matches merged here, many walked on the filter', async () => {
    const walkAll = async (sort: [string, 'ASC' | 'DESC'], filter: Record<string, unknown>) => {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await env.admin.get(list(sort, [0, 299], filter, after));
        expect(page.status).toBe(200);
        seen.push(...ids(page));
        after = page.headers.get('x-next-cursor') ?? undefined;
      } while (after);
      return seen;
    };
    // 2,010 match: read through the search's index, sorted by name here.
    const silvas = await walkAll(['name', 'DESC'], { q: 'pessoa silva', tenantId: String(big) });
    const expected = await UserModel.find({ tenantId: big, nameLower: /^pessoa silva/ }, { _id: 1 })
      .sort({ nameLower: -1, _id: -1 })
      .lean();
    expect(silvas).toEqual(expected.map((user) => String(user._id)));
    // More than 5,000 members and more than 5,000 Pessoas: the members' index walked, newest first.
    const members = await walkAll(['createdAt', 'DESC'], { q: 'pessoa', role: 'member', tenantId: String(big) });
    expect(members).toHaveLength(BIG);
    // A common search by code, no filter: the codes' index walked, the words checked; no total.
    const byCode = await env.admin.get(list(['code', 'ASC'], [0, 24], { q: 'pessoa' }));
    expect(byCode.status).toBe(200);
    expect(byCode.headers.get('x-total-exceeds')).toBe('25');
    const firstByCode = await UserModel.find({ nameLower: /^pessoa/ }, { _id: 1 })
      .sort({ code: 1, _id: 1 })
      .limit(25)
      .lean();
    expect(ids(byCode)).toEqual(firstByCode.map((user) => String(user._id)));
    // By name, the walk would read every name before the searched one: refused, refine it.
    expect((await env.admin.get(list(['name', 'ASC'], [0, 24], { q: 'pessoa' }))).status).toBe(422);
    expect((await env.admin.get(list(['name', 'ASC'], [0, 24], { q: 'pessoa silva 1' }))).status).toBe(200);
  });
});

describe('sorts no index serves', () => {
  it('are sorted in memory for up to 10,000 matches, and refused with TOO_MANY_TO_SORT beyond', async () => {
    // No index holds the role with the name: the supervisors are few, the members too many.
    const supervisors = await env.admin.get(list(['name', 'ASC'], [0, 24], { role: 'supervisor', tenantId: String(small) }));
    expect(supervisors.status).toBe(200);
    expect((supervisors.body as { name: string }[]).map((user) => user.name)).toEqual(['Pessoa Oliveira 2', 'Pessoa Santos 1', 'Pessoa Silva 0']);
    const members = await env.admin.get(list(['name', 'ASC'], [0, 24], { role: 'member' }));
    expect(members.status).toBe(422);
    expect(members.body.error).toMatchObject({ code: 'TOO_MANY_TO_SORT', message: expect.stringMatching(/refine the search/) });
    // Newest first, every filter has its index.
    expect((await env.admin.get(list(['createdAt', 'DESC'], [0, 24], { role: 'member' }))).status).toBe(200);
  });
});
