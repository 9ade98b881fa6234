import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';

/** The migration review takes the users list's `q`: name words or e-mail start, without case or accents. */
const config = testConfig();
const env = useTestApi(config);
let reviewPath = '';
const domain = `${randomUUID().slice(0, 6)}.office.test`;

beforeAll(async () => {
  const tenant = await apiTenant(env.admin, '/api/admin/tenants');
  reviewPath = `/api/admin/tenants/${tenant.id}/migration/review`;
  const imported = await env.admin.post(`/api/admin/tenants/${tenant.id}/users/import`, [
    { code: 1, name: 'João Silva Costa', legacyUsername: 'joao', email: `Joao.Costa@${domain}`, role: 'supervisor' },
    { code: 2, name: 'Maria da Conceição', legacyUsername: 'maria', email: `dup@${domain}` },
    { code: 3, name: 'Zed Costa', legacyUsername: 'zed', email: `dup@${domain}` },
    { code: 4, name: 'Bruno Prado', legacyUsername: 'bruno' },
  ]);
  expect(imported.body).toMatchObject({ created: 4 });
});

const codes = async (q?: string) => {
  const answer = await env.admin.get(q === undefined ? reviewPath : `${reviewPath}?${new URLSearchParams({ q })}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body.rows as { code: number }[]).map((row) => row.code);
};

describe('migration review search', () => {
  it('without q lists every user to migrate', async () => {
    expect(await codes()).toEqual([1, 2, 3, 4]);
    expect(await codes('  ')).toEqual([1, 2, 3, 4]);
  });

  it('finds by any word of the name, without accents, and by several words', async () => {
    expect(await codes('costa')).toEqual([1, 3]);
    expect(await codes('CONCEICAO')).toEqual([2]);
    expect(await codes('joão s')).toEqual([1]);
    expect(await codes('silva costa')).toEqual([1]);
    expect(await codes('costa silva')).toEqual([]);
  });

  it('finds by the start of the proposed e-mail, in any case', async () => {
    expect(await codes('joao.c')).toEqual([1]);
    expect(await codes('DUP@')).toEqual([2, 3]);
    expect(await codes('oao')).toEqual([]);
  });

  it('keeps the problems of the whole tenant on the rows it shows', async () => {
    const answer = await env.admin.get(`${reviewPath}?q=zed`);
    expect(answer.body.rows).toMatchObject([{ code: 3, problems: ['duplicateInTenant'] }]);
  });

  it('pages by code and keeps only the rows to fix on request, with the whole review counted', async () => {
    const page = await env.admin.get(`${reviewPath}?offset=1&limit=2`);
    expect([page.body.rows.map((row: { code: number }) => row.code), page.body.total]).toEqual([[2, 3], 4]);
    // Bruno has no e-mail, Maria and Zed share one: the three to fix, of four to migrate.
    expect(page.body.counts).toEqual({ toMigrate: 4, inactive: 0, withProblems: 3 });
    expect(page.body.qualified).toMatchObject({ code: 1, name: 'João Silva Costa' });
    const toFix = await env.admin.get(`${reviewPath}?problemsOnly=true`);
    expect([toFix.body.rows.map((row: { code: number }) => row.code), toFix.body.total]).toEqual([[2, 3, 4], 3]);
    const bad = await env.admin.get(`${reviewPath}?limit=501&problemsOnly=yes`);
    expect(bad.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['limit', 'problemsOnly']);
  });
});

describe("a search among the review's users, who have no search keys", () => {
  /** The review counts and pages that named the review's index while `run` ran. */
  const reviewWalks = async (run: () => Promise<void>) => {
    const walks: string[] = [];
    mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
      const options = args.at(-1) as { hint?: Record<string, number> } | undefined;
      if (collection === 'users' && options?.hint && 'inReview' in options.hint) walks.push(method);
    });
    try {
      await run();
    } finally {
      mongoose.set('debug', false);
    }
    return walks;
  };

  it("walks the review and checks each one's words, whatever the base holds", async () => {
    // An import stages its users without keys: the users list's search does not find them yet.
    const [staged] = (await env.admin.get(`${reviewPath}?q=bruno`)).body.rows as { id: string }[];
    const stored = await UserModel.findById(staged!.id).lean();
    expect([stored?.nameLower, stored?.nameKeys, stored?.emailKeys]).toEqual(['bruno prado', undefined, undefined]);

    // Twelve Costas elsewhere: more in the base than this review's four users, and a review search still reads the review only.
    const other = await apiTenant(env.admin, '/api/admin/tenants');
    const rows = Array.from({ length: 12 }, (_, index) => ({
      code: index + 1,
      name: `Costa ${index + 1}`,
      legacyUsername: `c${index + 1}`,
      email: `c${index + 1}@${domain}`,
    }));
    expect((await env.admin.post(`/api/admin/tenants/${other.id}/users/import`, rows)).body).toMatchObject({ created: 12 });

    let found: number[] = [];
    const walks = await reviewWalks(async () => {
      found = await codes('costa');
    });
    expect(found).toEqual([1, 3]);
    expect(walks).toEqual(expect.arrayContaining(['aggregate', 'find']));
    const answer = await env.admin.get(`${reviewPath}?${new URLSearchParams({ q: 'costa', problemsOnly: 'true' })}`);
    expect([answer.body.rows.map((row: { code: number }) => row.code), answer.body.total]).toEqual([[3], 1]);
    expect(await reviewWalks(async () => expect(await codes('CONCEICAO')).toEqual([2]))).toEqual(expect.arrayContaining(['aggregate', 'find']));
    // Characters a regular expression would read as its own match literally.
    expect(await codes('joao.c')).toEqual([1]);
    expect(await codes('j.ao')).toEqual([]);
    expect(await codes('(costa')).toEqual([1, 3]);
  });
});
