import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Answer, useTestApi } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
const env = useTestApi(config);

/** POSTs a CSV file's bytes as they are (the harness client sends strings, which fetch encodes as UTF-8). */
async function postCsv(as: 'admin' | 'integration', path: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  const auth: Record<string, string> = as === 'admin' ? { cookie: env.adminCookie } : { authorization: `Bearer ${env.apiKey}` };
  const response = await fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...auth, ...headers }, body: bytes });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const reviewOf = async (tenantId: string) =>
  (
    (await env.admin.get(`/api/admin/tenants/${tenantId}/migration/review`)).body as {
      code: number;
      name: string;
      proposedEmail: string | null;
      problems: string[];
    }[]
  ).map((row) => [row.code, row.name, row.proposedEmail, row.problems]);

describe('CSV import: what spreadsheets save', () => {
  it('reads an Excel pt-BR file (semicolons, Windows-1252) through /api/v1: dry run, then import, names spelled right', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const file = Buffer.from(
      [
        'code;name;legacyUsername;email;role',
        `1;Maria da Conceição;maria;maria@${domain};supervisor`,
        `2;João Araújo;joao;MARIA@${domain};member`,
        `3;;semnome;x@${domain};member`,
        ';;;;',
      ].join('\r\n'),
      'latin1',
    );
    const path = `/api/v1/tenants/${tenant.id}/users/import`;

    const dry = await postCsv('integration', `${path}?dryRun=true`, file);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      valid: 2,
      rejected: 1,
      created: 0,
      csv: { encoding: 'Windows-1252', bom: false, separator: ';', ignoredColumns: [] },
    });
    expect(
      dry.body.rows.map((row: { code?: number; name?: string; result: string; emailProblems: string[]; problems: { path: string }[] }) => [
        row.code,
        row.name,
        row.result,
        row.emailProblems,
        row.problems.map((problem) => problem.path),
      ]),
    ).toEqual([
      [1, 'Maria da Conceição', 'valid', ['duplicateInTenant'], []],
      [2, 'João Araújo', 'valid', ['duplicateInTenant'], []],
      [undefined, undefined, 'rejected', [], ['name']],
    ]);
    expect(await reviewOf(tenant.id)).toEqual([]);

    const imported = await postCsv('integration', path, file);
    expect(imported.body).toMatchObject({ dryRun: false, created: 2, rejected: 1, csv: { encoding: 'Windows-1252', separator: ';' } });
    expect(await reviewOf(tenant.id)).toEqual([
      [1, 'Maria da Conceição', `maria@${domain}`, ['duplicateInTenant']],
      [2, 'João Araújo', `maria@${domain}`, ['duplicateInTenant']],
    ]);
  });

  it('reads UTF-8 with a BOM, comma-separated, through the admin route, checking rows against the users already in the review', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const first = await env.admin.post(`/api/admin/tenants/${tenant.id}/users/import`, [{ code: 1, name: 'Ana', email: `ana@${domain}` }]);
    expect(first.body.created).toBe(1);
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`Code,Name,E-mail,Telefone\n2,"Araújo, Bia",ANA@${domain},5511\n3,Cecília,cecilia@${domain},\n`, 'utf8'),
    ]);
    const path = `/api/admin/tenants/${tenant.id}/users/import`;

    const dry = await postCsv('admin', `${path}?dryRun=true`, file);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.csv).toEqual({ encoding: 'UTF-8', bom: true, separator: ',', ignoredColumns: ['Telefone'] });
    // The review's rule: Ana already waits in the review with this address.
    expect(dry.body.rows.map((row: { name: string; emailProblems: string[] }) => [row.name, row.emailProblems])).toEqual([
      ['Araújo, Bia', ['duplicateInTenant']],
      ['Cecília', []],
    ]);
    expect((await postCsv('admin', path, file)).body).toMatchObject({ created: 2, rejected: 0 });
    expect(await reviewOf(tenant.id)).toEqual([
      [1, 'Ana', `ana@${domain}`, ['duplicateInTenant']],
      [2, 'Araújo, Bia', `ana@${domain}`, ['duplicateInTenant']],
      [3, 'Cecília', `cecilia@${domain}`, []],
    ]);
  });

  it("says why a file cannot be read and what to do, in the caller's language, and writes nothing", async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const path = `/api/v1/tenants/${tenant.id}/users/import`;

    const workbook = await postCsv('integration', path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(workbook.status).toBe(400);
    expect(workbook.body.error).toMatchObject({ code: 'MALFORMED_CSV', fields: [{ path: 'body', message: 'workbook' }] });
    expect(workbook.body.error.message).toContain('This is an Excel workbook (.xlsx), not a CSV file. In Excel, choose File › Save As › "CSV UTF-8"');

    const header = await postCsv('integration', path, Buffer.from('código;nome;email\n1;Conceição;c@x.test\n', 'latin1'), { 'accept-language': 'pt-BR' });
    expect(header.status).toBe(400);
    expect(header.body.error.fields).toEqual([{ path: 'body', message: 'missingColumns' }]);
    expect(header.body.error.message).toContain(
      'A linha de cabeçalho não tem as colunas "code", "name" (encontrado "código", "nome", "email", separado por ponto e vírgula)',
    );

    const empty = await postCsv('integration', path, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ path: 'body', message: 'empty' }]);
    expect(empty.body.error.message).toMatch(/^The file is empty/);

    expect(await reviewOf(tenant.id)).toEqual([]);
  });

  it('documents the CSV body and how it was read', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    const operation = body.paths['/api/v1/tenants/{tenantId}/users/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/json', 'text/csv']);
    expect(operation.requestBody.content['text/csv'].schema.description).toContain('Windows-1252');
    expect(body.components.schemas.ImportResult.properties.csv).toEqual({ $ref: '#/components/schemas/CsvReading' });
    expect(body.components.schemas.CsvReading.properties.separator.enum).toEqual([',', ';', '\t']);
  });
});
