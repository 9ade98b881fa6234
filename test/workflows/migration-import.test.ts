import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { asApiError } from '../../api/errors.js';
import { DomainError } from '../../domain/errors.js';
import { importUsers, MAX_IMPORT_ROWS, readImportCsv } from '../../use-cases/migrations/import-users.js';
import { reviewTenant } from '../../use-cases/migrations/review-tenant.js';
import { UserModel } from '../../data/models/index.js';
import { connectTestMongo, testConfig } from '../harness/context.js';
import { createTenant, createUser } from '../harness/fixtures.js';

const actor = { type: 'admin' as const, id: 'a', label: 'Admin' };
let disconnect: () => Promise<void>;
beforeAll(async () => {
  disconnect = (await connectTestMongo(testConfig())).disconnect;
});
afterAll(async () => disconnect());

describe('importing the users to migrate', () => {
  it('stages valid rows, rejects broken ones, and reports each e-mail problem per row', async () => {
    const tenant = await createTenant('premium');
    // Someone in another office already signs in with this address.
    const { subject: existing } = await createUser(await createTenant(), { email: 'taken@office.test' });
    const csv = [
      'code,name,legacyUsername,email,role',
      '100,Ana Souza,ana,Ana@Office.test,supervisor',
      '101,Bruno Lima,bruno,,member',
      '102,Carla Dias,carla,not-an-email,member',
      '103,Davi Reis,davi,TAKEN@office.test,member',
      '104,,nobody,x@office.test,member',
      '100,Again Ana,ana2,ana2@office.test,member',
      'abc,Eva,eva,eva@office.test,member',
    ].join('\n');
    const { rows, headers } = readImportCsv(Buffer.from(csv), 'en');

    const dry = await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: true, actor });
    expect(dry).toMatchObject({ dryRun: true, created: 0, valid: 4, rejected: 3 });
    expect(await UserModel.countDocuments({ tenantId: tenant._id, status: 'staged' })).toBe(0);
    // An office reads pt-BR unless told otherwise; without the file's headers, columns go by the Portuguese template's names.
    expect(dry.rows.slice(4).map((row) => row.problems)).toEqual([
      [{ path: 'name', message: 'Nome: obrigatório — preencha o nome do usuário' }],
      [{ path: 'code', message: 'Código 100 aparece duas vezes nesta importação — cada usuário precisa de um código próprio' }],
      [{ path: 'code', message: 'Código: deve ser um número inteiro positivo' }],
    ]);
    // With them (and in English), as the file names them.
    const english = await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: true, actor, locale: 'en', headers });
    expect(english.rows[4]!.problems).toEqual([{ path: 'name', message: "name: required — fill in the user's name" }]);

    const result = await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: false, actor });
    expect(result).toMatchObject({ created: 4, rejected: 3 });
    expect(result.rows.map((row) => [row.row, row.result, row.emailProblems, row.problems.map((problem) => problem.path)])).toEqual([
      [1, 'created', [], []],
      [2, 'created', ['missing'], []],
      [3, 'created', ['invalid'], []],
      [4, 'created', ['duplicateExisting'], []],
      [5, 'rejected', [], ['name']],
      [6, 'rejected', [], ['code']],
      [7, 'rejected', [], ['code']],
    ]);
    const review = await reviewTenant(PLATFORM_SCOPE, String(tenant._id));
    expect(review.map((row) => [row.code, row.proposedEmail, row.problems])).toEqual([
      [100, 'ana@office.test', []],
      [101, null, ['missing']],
      [102, 'not-an-email', ['invalid']],
      [103, 'taken@office.test', ['duplicateExisting']],
    ]);
    expect(review.every((row) => row.id !== existing.userId)).toBe(true);

    // Importing the same file again stages nothing twice.
    const again = await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: false, actor });
    expect(again.created).toBe(0);
    expect(await UserModel.countDocuments({ tenantId: tenant._id, status: 'staged' })).toBe(4);
  });

  it('refuses more than the row limit, and an unknown tenant, changing nothing', async () => {
    const tenant = await createTenant();
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ code: i + 1, name: `U${i}` }));
    const tooMany = await importUsers(PLATFORM_SCOPE, { tenantId: String(tenant._id), rows, dryRun: false, actor }).catch((error: unknown) => error);
    expect(tooMany).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(asApiError(tooMany)?.status).toBe(413);
    const unknown = await importUsers(PLATFORM_SCOPE, { tenantId: '0123456789abcdef01234567', rows: rows.slice(0, 1), dryRun: false, actor }).catch(
      (error: unknown) => error,
    );
    expect(unknown).toMatchObject({ code: 'TENANT_NOT_FOUND' });
    expect(asApiError(unknown)?.status).toBe(404);
    expect(await UserModel.countDocuments({ tenantId: tenant._id })).toBe(0);
    expect(() => readImportCsv(Buffer.from('code,name\n"1,broken'), 'en')).toThrow(DomainError);
  });
});
