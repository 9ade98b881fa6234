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
    (await env.admin.get(`/api/admin/tenants/${tenantId}/migration/review`)).body.rows as {
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

    const header = await postCsv('integration', path, Buffer.from('id;nome completo;email\n1;Conceição;c@x.test\n', 'latin1'), { 'accept-language': 'pt-BR' });
    expect(header.status).toBe(400);
    expect(header.body.error.fields).toEqual([{ path: 'body', message: 'missingColumns' }]);
    expect(header.body.error.message).toContain(
      'A linha de cabeçalho não tem as colunas "Código", "Nome" (encontrado "id", "nome completo", "email", separado por ponto e vírgula)',
    );
    expect(header.body.error.message).toContain('Código;Nome;Usuário atual;E-mail;Perfil;Idioma (ou em inglês: Code,Name,Legacy username,E-mail,Role,Locale)');

    const empty = await postCsv('integration', path, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ path: 'body', message: 'empty' }]);
    expect(empty.body.error.message).toMatch(/^The file is empty/);

    expect(await reviewOf(tenant.id)).toEqual([]);
  });

  it("reads Portuguese headers and values, and words each bad row's problem in the reader's language, naming the file's column", async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const file = Buffer.from(
      [
        'Código;NOME;Usuário Atual;E-mail;Função;Língua',
        `1;Maria da Conceição;maria;maria@${domain};Supervisora;Português`,
        `2;;joao;joao@${domain};membro;pt-BR`,
        `3;Caio Prado;caio;caio@${domain};colaborador;inglês`,
        `3;Dora Lins;dora;dora@${domain};chefe;pt-BR`,
      ].join('\r\n'),
      'latin1',
    );
    const path = `/api/admin/tenants/${tenant.id}/users/import`;
    const problemsOf = (body: { rows: { row: number; problems: { path: string; message: string }[] }[] }) =>
      body.rows.filter((row) => row.problems.length > 0).map((row) => [row.row, row.problems]);

    const portuguese = await postCsv('admin', `${path}?dryRun=true`, file, { 'accept-language': 'pt-BR,pt;q=0.9' });
    expect(portuguese.status, JSON.stringify(portuguese.body)).toBe(200);
    expect(portuguese.body).toMatchObject({ valid: 2, rejected: 2, csv: { encoding: 'Windows-1252', separator: ';', ignoredColumns: [] } });
    expect(problemsOf(portuguese.body)).toEqual([
      [2, [{ path: 'name', message: 'NOME: obrigatório — preencha o nome do usuário' }]],
      [4, [{ path: 'role', message: 'Função: "chefe" não é um perfil — use supervisor ou membro' }]],
    ]);

    const english = await postCsv('admin', `${path}?dryRun=true`, file, { 'accept-language': 'en' });
    expect(problemsOf(english.body)).toEqual([
      [2, [{ path: 'name', message: "NOME: required — fill in the user's name" }]],
      [4, [{ path: 'role', message: 'Função: "chefe" is not a role — use supervisor or member' }]],
    ]);

    expect((await postCsv('admin', path, file, { 'accept-language': 'pt-BR' })).body).toMatchObject({ created: 2, rejected: 2 });
    // Waiting in the review, out of the users list until "Update accounts": asked for with it.
    const office = { tenantId: tenant.id, includeReview: true };
    const users = (await env.admin.get(`/api/admin/users?filter=${encodeURIComponent(JSON.stringify(office))}`)).body as {
      code: number;
      role: string;
      locale: string;
    }[];
    expect(users.map((user) => [user.code, user.role, user.locale]).sort()).toEqual([
      [1, 'supervisor', 'pt-BR'],
      [3, 'member', 'en'],
    ]);
    // The same file again: its codes are now other users' of this office.
    const again = await postCsv('admin', `${path}?dryRun=true`, file, { 'accept-language': 'pt-BR' });
    expect(again.body.rows[0].problems).toEqual([
      { path: 'code', message: 'Código 1 já é usado por outro usuário deste escritório — dê a este usuário um código próprio' },
    ]);
  });

  it('hands out a template in either language that imports unchanged', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const download = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${env.url}/api/admin/migration/template.csv${query}`, { headers: { cookie: env.adminCookie, ...headers } });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    };

    const portuguese = await download('?locale=pt-BR');
    expect(portuguese.status).toBe(200);
    expect(portuguese.headers.get('content-type')).toBe('text/csv; charset=windows-1252');
    expect(portuguese.headers.get('content-disposition')).toBe('attachment; filename="modelo-usuarios.csv"');
    // Windows-1252 without a BOM: "ó" is the one byte 0xF3.
    expect(portuguese.bytes.subarray(0, 7)).toEqual(Buffer.from([0x43, 0xf3, 0x64, 0x69, 0x67, 0x6f, 0x3b]));
    expect(portuguese.bytes.toString('latin1').split('\r\n').slice(0, 2)).toEqual([
      'Código;Nome;Usuário atual;E-mail;Perfil;Idioma',
      '1;Ana Souza;ana.souza;ana@escritorio.com.br;supervisor;pt-BR',
    ]);

    const english = await download('?locale=en');
    expect(english.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(english.headers.get('content-disposition')).toBe('attachment; filename="users-template.csv"');
    expect(english.bytes.toString('utf8').split('\r\n')[0]).toBe('Code,Name,Legacy username,E-mail,Role,Locale');

    // Without the parameter, the caller's language decides.
    expect((await download('', { 'accept-language': 'pt-BR' })).headers.get('content-disposition')).toContain('modelo-usuarios.csv');
    expect((await download('?locale=fr')).status).toBe(400);

    const path = `/api/admin/tenants/${tenant.id}/users/import?dryRun=true`;
    for (const [template, encoding, separator] of [
      [portuguese, 'Windows-1252', ';'],
      [english, 'UTF-8', ','],
    ] as const) {
      const dry = await postCsv('admin', path, template.bytes);
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, valid: 2, rejected: 0, csv: { encoding, separator, ignoredColumns: [] } });
    }
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
