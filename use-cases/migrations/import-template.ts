import type { Locale } from '../../domain/locale.js';
import type { CsvEncoding, CsvSeparator } from '../../domain/migration.js';
import type { Role } from '../../domain/user.js';
import { encodeWindows1252 } from './csv-file.js';
import { importColumns, roleWords, type ImportColumn } from './import-columns.js';

/**
 * The spreadsheet an office fills in with the users to migrate: the header in the reader's
 * language and two example rows. The pt-BR one is what Excel in Brazil opens and saves as it is
 * (`;`, Windows-1252, no BOM); the English one is UTF-8 with commas. Both import unchanged.
 */

export interface ImportTemplate {
  fileName: string;
  encoding: CsvEncoding;
  separator: CsvSeparator;
  bytes: Buffer;
}

type ExampleRow = Record<Exclude<ImportColumn, 'role'>, string> & { role: Role };

const examples: Record<Locale, { fileName: string; separator: CsvSeparator; rows: ExampleRow[] }> = {
  'pt-BR': {
    fileName: 'modelo-usuarios.csv',
    separator: ';',
    rows: [
      { code: '1', name: 'Ana Souza', legacyUsername: 'ana.souza', email: 'ana@escritorio.com.br', role: 'supervisor', locale: 'pt-BR' },
      { code: '2', name: 'João Araújo', legacyUsername: 'joao.araujo', email: 'joao@escritorio.com.br', role: 'member', locale: 'pt-BR' },
    ],
  },
  en: {
    fileName: 'users-template.csv',
    separator: ',',
    rows: [
      { code: '1', name: 'Ann Smith', legacyUsername: 'ann.smith', email: 'ann@office.example', role: 'supervisor', locale: 'en' },
      { code: '2', name: 'Bruno Lima', legacyUsername: 'bruno.lima', email: 'bruno@office.example', role: 'member', locale: 'en' },
    ],
  },
};

// A value holding the separator, a quote or a line break is quoted, quotes doubled (RFC 4180).
const cell = (value: string, separator: CsvSeparator) => (/["\r\n]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value);

export function importTemplate(locale: Locale): ImportTemplate {
  const { fileName, separator, rows } = examples[locale];
  const columns: ImportColumn[] = [...importColumns.required, ...importColumns.optional];
  const line = (values: string[]) => values.map((value) => cell(value, separator)).join(separator);
  const lines = [
    line(columns.map((name) => importColumns.headers[locale][name])),
    // Roles as the reader's language writes them ("membro"), which the import reads back.
    ...rows.map((row) => line(columns.map((name) => (name === 'role' ? roleWords[locale][row.role] : row[name])))),
  ];
  // Excel's own line ends.
  const text = lines.map((content) => `${content}\r\n`).join('');
  return locale === 'pt-BR'
    ? { fileName, encoding: 'Windows-1252', separator, bytes: encodeWindows1252(text) }
    : { fileName, encoding: 'UTF-8', separator, bytes: Buffer.from(text, 'utf8') };
}
