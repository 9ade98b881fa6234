import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  decodeCsvBytes,
  decodeWindows1252,
  detectEncoding,
  detectSeparator,
  encodeWindows1252,
  readCsvFile,
  type CsvFileProblem,
} from '../../use-cases/migrations/csv-file.js';
import { csvProblemMessage } from '../../use-cases/migrations/csv-messages.js';
import { importColumns } from '../../use-cases/migrations/import-columns.js';
import { codeClash, rowProblems } from '../../use-cases/migrations/import-row-problems.js';
import { importTemplate } from '../../use-cases/migrations/import-template.js';
import { importRowSchema } from '../../use-cases/migrations/import-users.js';

const columns = { required: ['code', 'name'], optional: ['legacyUsername', 'email', 'role', 'locale'] };
// What Excel pt-BR writes: Windows-1252 bytes ("ç" is 0xE7, "ã" is 0xE3), not UTF-8.
const windows1252 = (text: string) => Buffer.from(text, 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);

function problemOf(read: () => unknown): CsvFileProblem {
  try {
    read();
  } catch (error) {
    if (error instanceof CsvFileError) return error.problem;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('detectSeparator', () => {
  it('takes the most frequent separator of the header line', () => {
    expect(detectSeparator('code;name;email')).toBe(';');
    expect(detectSeparator('code,name,email')).toBe(',');
    expect(detectSeparator('code\tname\temail')).toBe('\t');
  });

  it('ignores separators inside quotes, and takes a one-column header as comma-separated', () => {
    expect(detectSeparator('"code,x";"name,y";email')).toBe(';');
    expect(detectSeparator('code')).toBe(',');
  });
});

describe('detectEncoding', () => {
  it('says UTF-8 for valid UTF-8 and plain ASCII, noting a BOM', () => {
    expect(detectEncoding(utf8('code,name\n1,Conceição'))).toEqual({ encoding: 'UTF-8', bom: false });
    expect(detectEncoding(utf8('code,name\n1,Ana'))).toEqual({ encoding: 'UTF-8', bom: false });
    expect(detectEncoding(withBom('code,name\n1,Conceição'))).toEqual({ encoding: 'UTF-8', bom: true });
  });

  it('says Windows-1252 when the bytes are not valid UTF-8', () => {
    expect(detectEncoding(windows1252('code;name\n1;Conceição'))).toEqual({ encoding: 'Windows-1252', bom: false });
  });
});

describe('decodeCsvBytes', () => {
  it('decodes Windows-1252 bytes, including the characters only it has (€, curly quotes)', () => {
    const bytes = Buffer.concat([windows1252('1;Conceição João '), Buffer.from([0x80, 0x93, 0x94])]);
    expect(decodeCsvBytes(bytes).text).toBe('1;Conceição João €“”');
  });

  it('drops the BOM from the text', () => {
    expect(decodeCsvBytes(withBom('code,name')).text).toBe('code,name');
  });
});

describe('readCsvFile', () => {
  it('reads an Excel pt-BR file: semicolons, Windows-1252, accented names, empty trailing rows', () => {
    const file = windows1252('code;name;legacyUsername;email\r\n1;Maria da Conceição;maria;maria@x.test\r\n2;João Araújo;joao;\r\n;;;\r\n');
    const { reading, rows } = readCsvFile(file, columns);
    expect(reading).toEqual({ encoding: 'Windows-1252', bom: false, separator: ';', ignoredColumns: [] });
    expect(rows).toEqual([
      { code: '1', name: 'Maria da Conceição', legacyUsername: 'maria', email: 'maria@x.test' },
      { code: '2', name: 'João Araújo', legacyUsername: 'joao', email: '' },
    ]);
  });

  it('reads a comma-separated UTF-8 file with a BOM ("CSV UTF-8")', () => {
    const { reading, rows } = readCsvFile(withBom('code,name,email\n1,Conceição,c@x.test\n'), columns);
    expect(reading).toEqual({ encoding: 'UTF-8', bom: true, separator: ',', ignoredColumns: [] });
    expect(rows).toEqual([{ code: '1', name: 'Conceição', email: 'c@x.test' }]);
  });

  it('keeps separators inside quoted fields, and quotes inside doubled quotes', () => {
    const { rows } = readCsvFile(utf8('code;name;email\n1;"Silva; Ana ""Aninha""";a@x.test\n2;"Costa, Bia";b@x.test\n'), columns);
    expect(rows.map((row) => row.name)).toEqual(['Silva; Ana "Aninha"', 'Costa, Bia']);
    const { rows: commaRows } = readCsvFile(utf8('code,name\n1,"Costa, Bia"\n'), columns);
    expect(commaRows).toEqual([{ code: '1', name: 'Costa, Bia' }]);
  });

  it('matches header names as people type them and lists the columns it leaves out', () => {
    const { reading, rows } = readCsvFile(utf8('Code;Name;E-mail;Legacy Username;Telefone\n7;Ana;a@x.test;ana;5511\n'), columns);
    expect(rows).toEqual([{ code: '7', name: 'Ana', email: 'a@x.test', legacyUsername: 'ana' }]);
    expect(reading.ignoredColumns).toEqual(['Telefone']);
  });

  it('refuses an empty file (no bytes, or only a BOM and blank lines)', () => {
    expect(problemOf(() => readCsvFile(Buffer.alloc(0), columns))).toEqual({ reason: 'empty' });
    expect(problemOf(() => readCsvFile(withBom('\r\n\r\n'), columns))).toEqual({ reason: 'empty' });
  });

  it('refuses a header without users', () => {
    expect(problemOf(() => readCsvFile(utf8('code;name\n'), columns))).toEqual({ reason: 'noRows' });
  });

  it('refuses binary and garbage files, telling workbooks and UTF-16 apart', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(problemOf(() => readCsvFile(png, columns))).toEqual({ reason: 'binary' });
    // Deterministic noise: a linear congruential generator's bytes.
    let seed = 42;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >> 23));
    expect(problemOf(() => readCsvFile(noise, columns))).toEqual({ reason: 'binary' });
    const controls = Buffer.from(Array.from({ length: 200 }, (_, index) => (index % 10 === 0 ? 0x07 : 0x41)));
    expect(problemOf(() => readCsvFile(controls, columns))).toEqual({ reason: 'binary' });
    expect(problemOf(() => readCsvFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), columns))).toEqual({ reason: 'workbook', format: 'xlsx' });
    expect(problemOf(() => readCsvFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), columns))).toEqual({ reason: 'workbook', format: 'xls' });
    expect(problemOf(() => readCsvFile(Buffer.from('\ufeffcode,name', 'utf16le'), columns))).toEqual({ reason: 'utf16' });
  });

  it('refuses a broken quote, naming the line', () => {
    expect(problemOf(() => readCsvFile(utf8('code,name\n1,Ana\n2,"Bia\n'), columns))).toMatchObject({ reason: 'malformed', line: 3 });
  });

  it('refuses a header missing a required column, with a message that names it and what the header must be', () => {
    const problem = problemOf(() => readCsvFile(windows1252('código;nome;email\n1;Conceição;c@x.test\n'), columns));
    expect(problem).toEqual({ reason: 'missingColumns', missing: ['code', 'name'], found: ['código', 'nome', 'email'], separator: ';' });
    expect(csvProblemMessage(problem, 'en', columns)).toBe(
      'The header line has no "code", "name" columns (found "código", "nome", "email", separated by semicolon). The first line must name the columns: code,name,legacyUsername,email,role,locale; code and name are required.',
    );
    const onlyName = problemOf(() => readCsvFile(utf8('code,nome\n1,Ana\n'), columns));
    expect(csvProblemMessage(onlyName, 'pt-BR', columns)).toContain('não tem a coluna "name"');
  });
});

describe('csvProblemMessage', () => {
  it('says what to do with a workbook and with a binary file, in both languages', () => {
    expect(csvProblemMessage({ reason: 'workbook', format: 'xlsx' }, 'en', columns)).toContain('File › Save As › "CSV UTF-8"');
    expect(csvProblemMessage({ reason: 'workbook', format: 'xlsx' }, 'pt-BR', columns)).toContain('Arquivo › Salvar como › "CSV UTF-8"');
    expect(csvProblemMessage({ reason: 'binary' }, 'en', columns)).toMatch(/^The file is not text/);
    expect(csvProblemMessage({ reason: 'empty' }, 'en', columns)).toContain('header line (code,name,legacyUsername,email,role,locale)');
  });
});

describe('spreadsheets as offices have them', () => {
  it('reads an Excel pt-BR file with Portuguese headers in any case and accents, keyed by the canonical names', () => {
    const file = windows1252('CÓDIGO;nome;Usuario ATUAL;e-mail;Perfil ;Observação\r\n1;Maria da Conceição;maria;maria@x.test;Supervisora;nada\r\n');
    expect(file.includes(0xd3)).toBe(true); // "Ó" as Windows-1252 writes it, not UTF-8
    const { reading, rows, headers } = readCsvFile(file, importColumns);
    expect(reading).toEqual({ encoding: 'Windows-1252', bom: false, separator: ';', ignoredColumns: ['Observação'] });
    expect(rows).toEqual([{ code: '1', name: 'Maria da Conceição', legacyUsername: 'maria', email: 'maria@x.test', role: 'Supervisora' }]);
    expect(headers).toEqual({ code: 'CÓDIGO', name: 'nome', legacyUsername: 'Usuario ATUAL', email: 'e-mail', role: 'Perfil' });
  });

  it.each([
    ['code', ['Código', 'Codigo', 'CÓD', 'Cod.', 'Code', ' code ']],
    ['name', ['Nome', 'NOME', 'Name']],
    ['legacyUsername', ['Usuário atual', 'Usuário', 'usuario', 'Login', 'Usuário antigo', 'legacyUsername', 'Legacy username', 'legacy_username']],
    ['email', ['E-mail', 'Email', 'EMAIL', 'Usuário novo', 'Novo usuário', 'New login']],
    ['role', ['Perfil', 'Papel', 'Função', 'funcao', 'Role']],
    ['locale', ['Idioma', 'Locale', 'Língua', 'Language']],
  ])('reads every name of the %s column', (canonical, aliases) => {
    for (const alias of aliases) {
      const [first, second] = canonical === 'code' ? [alias, 'Nome'] : canonical === 'name' ? ['Código', alias] : ['Código', 'Nome'];
      const extra = canonical === 'code' || canonical === 'name' ? '' : `;${alias}`;
      const { rows, headers } = readCsvFile(windows1252(`${first};${second}${extra}\n7;Ana${extra ? ';value' : ''}\n`), importColumns);
      expect(rows[0], alias).toEqual({ code: '7', name: 'Ana', ...(extra ? { [canonical]: 'value' } : {}) });
      expect(headers[canonical], alias).toBe(alias.trim());
    }
  });

  it('reads a column named twice from its first place, leaving the other out', () => {
    const { rows, reading } = readCsvFile(utf8('Código,Nome,Usuário,Login\n1,Ana,ana,ana.login\n'), importColumns);
    expect(rows).toEqual([{ code: '1', name: 'Ana', legacyUsername: 'ana' }]);
    expect(reading.ignoredColumns).toEqual(['Login']);
  });

  it('reads role and language values as offices write them; blanks take the defaults; others stay problems', () => {
    const row = (role: string, locale: string) => importRowSchema.safeParse({ code: '1', name: 'Ana', role, locale });
    for (const [role, expected] of [
      ['supervisor', 'supervisor'],
      ['Supervisor', 'supervisor'],
      ['SUPERVISORA', 'supervisor'],
      ['membro', 'member'],
      ['Member', 'member'],
      ['colaborador', 'member'],
      ['', 'member'],
    ]) {
      expect(row(role!, '').data?.role, role).toBe(expected);
    }
    for (const [locale, expected] of [
      ['pt-BR', 'pt-BR'],
      ['pt_br', 'pt-BR'],
      ['pt', 'pt-BR'],
      ['Português', 'pt-BR'],
      ['en', 'en'],
      ['Inglês', 'en'],
      ['English', 'en'],
      ['', 'pt-BR'],
    ]) {
      expect(row('', locale!).data?.locale, locale).toBe(expected);
    }
    expect(row('chefe', 'pt-BR').success).toBe(false);
    expect(row('membro', 'francês').success).toBe(false);
    expect(importRowSchema.parse({ code: 1, name: 'Ana' })).toMatchObject({ role: 'member', locale: 'pt-BR' });
  });

  it("words each row problem in the reader's language, naming the column as the file does, with a stable path", () => {
    const raw = { code: 'abc', name: ' ', role: 'chefe', locale: 'fr' };
    const problems = (locale: 'en' | 'pt-BR', headers?: Record<string, string>) => rowProblems(importRowSchema.safeParse(raw).error!, raw, locale, headers);
    expect(problems('pt-BR')).toEqual([
      { path: 'code', message: 'Código: deve ser um número inteiro positivo' },
      { path: 'name', message: 'Nome: obrigatório — preencha o nome do usuário' },
      { path: 'role', message: 'Perfil: "chefe" não é um perfil — use supervisor ou membro' },
      { path: 'locale', message: 'Idioma: "fr" não é um idioma dos e-mails — use pt-BR (português) ou en (inglês)' },
    ]);
    expect(problems('en').map((problem) => problem.message)).toEqual([
      'Code: must be a positive whole number',
      "Name: required — fill in the user's name",
      'Role: "chefe" is not a role — use supervisor or member',
      'Locale: "fr" is not a language of the e-mails — use en (English) or pt-BR (Portuguese)',
    ]);
    expect(problems('en', { code: 'CÓD', name: 'Nome completo' }).slice(0, 2)).toEqual([
      { path: 'code', message: 'CÓD: must be a positive whole number' },
      { path: 'name', message: "Nome completo: required — fill in the user's name" },
    ]);
    const long = { code: '', name: 'x'.repeat(201) };
    expect(rowProblems(importRowSchema.safeParse(long).error!, long, 'pt-BR').map((problem) => problem.message)).toEqual([
      'Código: obrigatório — preencha o código do usuário (um número inteiro positivo)',
      'Nome: no máximo 200 caracteres — encurte o texto',
    ]);
    expect(codeClash(12, 'office', 'pt-BR')).toEqual({
      path: 'code',
      message: expect.stringMatching(/^Código 12 já é usado por outro usuário deste escritório/),
    });
    expect(codeClash(12, 'import', 'en', { code: 'Cód' }).message).toMatch(/^Cód 12 appears twice in this import/);
  });

  it("names the header in the reader's language when it lacks a column, accepting either language", () => {
    const problem = problemOf(() => readCsvFile(windows1252('id;nome completo;email\n1;Conceição;c@x.test\n'), importColumns));
    expect(problem).toEqual({ reason: 'missingColumns', missing: ['code', 'name'], found: ['id', 'nome completo', 'email'], separator: ';' });
    expect(csvProblemMessage(problem, 'pt-BR', importColumns)).toBe(
      'A linha de cabeçalho não tem as colunas "Código", "Nome" (encontrado "id", "nome completo", "email", separado por ponto e vírgula). ' +
        'A primeira linha deve nomear as colunas: Código;Nome;Usuário atual;E-mail;Perfil;Idioma (ou em inglês: Code,Name,Legacy username,E-mail,Role,Locale); Código e Nome são obrigatórias.',
    );
    expect(csvProblemMessage(problem, 'en', importColumns)).toContain(
      'The first line must name the columns: Code,Name,Legacy username,E-mail,Role,Locale (or in Portuguese: Código;Nome;Usuário atual;E-mail;Perfil;Idioma); Code and Name are required.',
    );
    expect(csvProblemMessage({ reason: 'empty' }, 'pt-BR', importColumns)).toContain('(Código;Nome;Usuário atual;E-mail;Perfil;Idioma)');
  });

  it('makes a template per language that imports unchanged: pt-BR in Windows-1252 with semicolons, English in UTF-8 with commas', () => {
    const portuguese = importTemplate('pt-BR');
    expect(portuguese).toMatchObject({ fileName: 'modelo-usuarios.csv', encoding: 'Windows-1252', separator: ';' });
    expect([...portuguese.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeWindows1252(portuguese.bytes).split('\r\n')).toEqual([
      'Código;Nome;Usuário atual;E-mail;Perfil;Idioma',
      '1;Ana Souza;ana.souza;ana@escritorio.com.br;supervisor;pt-BR',
      '2;João Araújo;joao.araujo;joao@escritorio.com.br;membro;pt-BR',
      '',
    ]);
    const english = importTemplate('en');
    expect(english).toMatchObject({ fileName: 'users-template.csv', encoding: 'UTF-8', separator: ',' });
    expect(english.bytes.toString('utf8').split('\r\n')[0]).toBe('Code,Name,Legacy username,E-mail,Role,Locale');
    for (const template of [portuguese, english]) {
      const { reading, rows } = readCsvFile(template.bytes, importColumns);
      expect(reading).toMatchObject({ encoding: template.encoding, separator: template.separator, ignoredColumns: [] });
      expect(rows.map((row) => importRowSchema.safeParse(row).success)).toEqual([true, true]);
    }
  });

  it('encodes Windows-1252 as Excel does, the inverse of decoding it', () => {
    const text = 'Conceição € “aspas” – fim';
    expect(decodeWindows1252(encodeWindows1252(text))).toBe(text);
    expect([...encodeWindows1252('€ç✓')]).toEqual([0x80, 0xe7, 0x3f]);
  });
});
