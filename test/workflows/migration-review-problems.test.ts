import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressesToCheck,
  countReview,
  lowestActiveSupervisor,
  PROBLEMS_INDEX,
  problemsWhere,
  REVIEW_INDEX,
  reviewPageIds,
  reviewWhere,
} from '../../data/migration-review.js';
import { UserModel } from '../../data/models/index.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { setExcluded } from '../../use-cases/migrations/exclude-user.js';
import { fixProposedEmail } from '../../use-cases/migrations/fix-proposed-email.js';
import { importUsers } from '../../use-cases/migrations/import-users.js';
import { reviewPage } from '../../use-cases/migrations/review-page.js';
import { connectTestMongo, testConfig } from '../harness/context.js';
import { createTenant, createUser } from '../harness/fixtures.js';
import { allStages, describePlan, executionStats } from '../harness/query-plans.js';

/**
 * The review's e-mail problems found on indexes for the addresses an import, a fix or a page
 * touches (use-cases/migrations/review-problems.ts), and the flags the review counts and pages the
 * rows to fix by, kept right when a twin changes and under concurrent imports.
 */
const actor = { type: 'admin' as const, id: 'a', label: 'Admin' };
let disconnect: () => Promise<void>;
beforeAll(async () => {
  disconnect = (await connectTestMongo(testConfig())).disconnect;
});
afterAll(async () => disconnect());

const office = async () => {
  const tenant = await createTenant('plus');
  return { tenant, tenantId: String(tenant._id), domain: `${randomUUID().slice(0, 6)}.office.test` };
};
const problemsByCode = async (tenantId: string, options: Parameters<typeof reviewPage>[2] = {}) => {
  const page = await reviewPage(PLATFORM_SCOPE, tenantId, { limit: 500, ...options });
  return { rows: Object.fromEntries(page.rows.map((row) => [row.code, row.problems])), counts: page.counts, total: page.total };
};
const flagged = async (tenantId: string) =>
  (await UserModel.find({ tenantId, hasEmailProblem: true }, { code: 1 }).sort({ code: 1 }).lean()).map((user) => user.code);

describe("the review's e-mail problems, on indexes", () => {
  it('finds a duplicate within the file, with a user already waiting and a login taken elsewhere; the dry run shows what the review then shows', async () => {
    const { tenantId, domain } = await office();
    const { subject: other } = await createUser(await createTenant(), { email: `taken@${domain}` });
    expect(
      (await importUsers(PLATFORM_SCOPE, { tenantId, rows: [{ code: 1, name: 'Ana', email: `ana@${domain}`, role: 'supervisor' }], dryRun: false, actor }))
        .created,
    ).toBe(1);
    const rows = [
      { code: 2, name: 'Bia', email: `ANA@${domain}` }, // Ana waits in the review with it
      { code: 3, name: 'Caio', email: `twin@${domain}` },
      { code: 4, name: 'Davi', email: `Twin@${domain}` }, // the row before's, in another case
      { code: 5, name: 'Eva', email: `taken@${domain}` }, // another office's login
      { code: 6, name: 'Fábio' },
      { code: 7, name: 'Gil', email: 'not-an-email' },
      { code: 8, name: 'Hugo', email: `hugo@${domain}` },
    ];
    const dry = await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: true, actor });
    const expected = {
      2: ['duplicateInTenant'],
      3: ['duplicateInTenant'],
      4: ['duplicateInTenant'],
      5: ['duplicateExisting'],
      6: ['missing'],
      7: ['invalid'],
      8: [],
    };
    expect(Object.fromEntries(dry.rows.map((row) => [row.code, row.emailProblems]))).toEqual(expected);
    // Nothing written by the dry run, not even Ana's flag.
    expect(await flagged(tenantId)).toEqual([]);

    const real = await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: false, actor });
    expect(Object.fromEntries(real.rows.map((row) => [row.code, row.emailProblems]))).toEqual(expected);
    const review = await problemsByCode(tenantId);
    expect(review.rows).toEqual({ 1: ['duplicateInTenant'], ...expected });
    expect(review.counts).toEqual({ toMigrate: 8, inactive: 0, withProblems: 7 });
    // Ana's flag was set by Bia's import: her twin came later.
    expect(await flagged(tenantId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const toFix = await problemsByCode(tenantId, { problemsOnly: true });
    expect([Object.keys(toFix.rows).map(Number), toFix.total]).toEqual([[1, 2, 3, 4, 5, 6, 7], 7]);
    expect(other.email).toBe(`taken@${domain}`);
  });

  it('keeps a twin right when the other is fixed, inactivated or included again', async () => {
    const { tenantId, domain } = await office();
    const imported = await importUsers(PLATFORM_SCOPE, {
      tenantId,
      rows: [
        { code: 1, name: 'Ana', email: `dup@${domain}` },
        { code: 2, name: 'Bia', email: `dup@${domain}` },
        { code: 3, name: 'Caio', email: `dup@${domain}` },
      ],
      dryRun: false,
      actor,
    });
    const [ana, bia, caio] = imported.rows.map((row) => row.id!);
    expect((await problemsByCode(tenantId)).counts.withProblems).toBe(3);

    await fixProposedEmail(PLATFORM_SCOPE, tenantId, ana!, `ana@${domain}`, actor);
    expect((await problemsByCode(tenantId)).rows).toEqual({ 1: [], 2: ['duplicateInTenant'], 3: ['duplicateInTenant'] });
    await setExcluded(PLATFORM_SCOPE, tenantId, bia!, true, actor);
    expect(await flagged(tenantId)).toEqual([]);
    expect(await problemsByCode(tenantId)).toMatchObject({ rows: { 1: [], 2: [], 3: [] }, counts: { toMigrate: 2, inactive: 1, withProblems: 0 } });
    await setExcluded(PLATFORM_SCOPE, tenantId, bia!, false, actor);
    expect(await flagged(tenantId)).toEqual([2, 3]);
    // Fixed onto Ana's address: the duplicate moves with it.
    await fixProposedEmail(PLATFORM_SCOPE, tenantId, caio!, `ANA@${domain}`, actor);
    expect((await problemsByCode(tenantId)).rows).toEqual({ 1: ['duplicateInTenant'], 2: [], 3: ['duplicateInTenant'] });
    expect(await flagged(tenantId)).toEqual([1, 3]);
  });

  it('flags both users of two imports of the same address running at once', async () => {
    const { tenantId, domain } = await office();
    const file = (first: number) => Array.from({ length: 300 }, (_, i) => ({ code: first + i, name: `Pessoa ${first + i}`, email: `p${i}@${domain}` }));
    const [a, b] = await Promise.all([
      importUsers(PLATFORM_SCOPE, { tenantId, rows: file(1), dryRun: false, actor }),
      importUsers(PLATFORM_SCOPE, { tenantId, rows: file(1_001), dryRun: false, actor }),
    ]);
    expect([a.created, b.created]).toEqual([300, 300]);
    // Every address is held twice: each user is flagged, whichever import read the other first.
    expect((await flagged(tenantId)).length).toBe(600);
    const review = await reviewPage(PLATFORM_SCOPE, tenantId, { limit: 1 });
    expect(review.counts).toEqual({ toMigrate: 600, inactive: 0, withProblems: 600 });
  });

  it('sets right, as a page shows them, the flags of users staged behind the review', async () => {
    const { tenant, tenantId, domain } = await office();
    await importUsers(PLATFORM_SCOPE, { tenantId, rows: [{ code: 1, name: 'Ana', email: `ana@${domain}` }], dryRun: false, actor });
    // Staged through the users list with Ana's address as its login: the review's import never saw it.
    await UserModel.create({
      tenantId: tenant._id,
      code: 2,
      name: 'Bia',
      nameLower: 'bia',
      email: `ana@${domain}`,
      role: 'member',
      locale: 'pt-BR',
      status: 'staged',
      statusChangedAt: new Date(),
    });
    expect(await flagged(tenantId)).toEqual([]);
    const review = await problemsByCode(tenantId);
    expect(review.rows).toEqual({ 1: ['duplicateInTenant', 'duplicateExisting'], 2: ['duplicateInTenant'] });
    expect(review.counts.withProblems).toBe(2);
    expect(await flagged(tenantId)).toEqual([1, 2]);
  });

  it('pages after a code as it pages by offset', async () => {
    const { tenantId, domain } = await office();
    const rows = Array.from({ length: 30 }, (_, i) => ({ code: (i + 1) * 10, name: `P ${i}`, email: `p${i}@${domain}` }));
    await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: false, actor });
    const byOffset = await reviewPage(PLATFORM_SCOPE, tenantId, { offset: 10, limit: 5 });
    const byCode = await reviewPage(PLATFORM_SCOPE, tenantId, { afterCode: 100, limit: 5 });
    expect(byCode.rows.map((row) => row.code)).toEqual([110, 120, 130, 140, 150]);
    expect(byCode.rows).toEqual(byOffset.rows);
    expect(byCode.total).toBe(30);
  });

  it('reads the review on its indexes: pages walk keys, counts are one key range, nothing reads a document it does not answer', async () => {
    const { tenant, tenantId, domain } = await office();
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      code: i + 1,
      name: `P ${i}`,
      email: i % 100 === 0 ? '' : `p${i}@${domain}`,
      role: i === 0 ? 'supervisor' : 'member',
    }));
    await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: false, actor });
    const count = async (where: Record<string, unknown>) =>
      UserModel.aggregate([{ $match: where }, { $group: { _id: 1, n: { $sum: 1 } } }]).explain('executionStats');
    for (const [what, explain] of [
      ['toMigrate', await count(reviewWhere(tenant._id, 'staged'))],
      ['inactive', await count(reviewWhere(tenant._id, 'inactive'))],
      ['withProblems', await count(problemsWhere(tenant._id))],
    ] as const) {
      expect(
        allStages(explain).map((stage) => stage.stage),
        `${what}: ${describePlan(explain)}`,
      ).toContain('COUNT_SCAN');
      expect(executionStats(explain).totalDocsExamined, what).toBe(0);
    }
    expect(await countReview(problemsWhere(tenant._id))).toBe(20);
    for (const [what, where, page, index] of [
      ['a page deep in the review', reviewWhere(tenant._id), { afterCode: 1_500, skip: 0, limit: 100 }, REVIEW_INDEX],
      ['the rows to fix', problemsWhere(tenant._id), { skip: 0, limit: 100 }, PROBLEMS_INDEX],
    ] as const) {
      const explain = await reviewPageIds(where, page, index).explain('executionStats');
      expect(
        allStages(explain).some((stage) => stage.stage === 'FETCH' || stage.stage === 'SORT'),
        `${what}: ${describePlan(explain)}`,
      ).toBe(false);
      expect(executionStats(explain).totalKeysExamined, what).toBeLessThanOrEqual(102);
    }
    const supervisor = await lowestActiveSupervisor(tenant._id).explain('executionStats');
    expect(executionStats(supervisor).totalDocsExamined, describePlan(supervisor)).toBeLessThanOrEqual(1);
    // An import's after-check reads the indexes alone.
    const addresses = rows.slice(0, 1_000).flatMap((row) => (row.email ? [row.email] : []));
    expect((await addressesToCheck(tenant._id, addresses)).size).toBe(0);
  });
});
