import { describe, expect, it } from 'vitest';
import { CsvFileError, decodeCsvBytes, detectEncoding, detectSeparator, readCsvFile, type CsvFileProblem } from '../../use-cases/migrations/csv-file.js';
import { csvProblemMessage } from '../../use-cases/migrations/csv-messages.js';

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
