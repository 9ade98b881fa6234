import { CsvError, parse } from 'csv-parse/sync';
import type { Locale } from '../../domain/locale.js';
import { csvSeparators, type CsvEncoding, type CsvReading, type CsvSeparator } from '../../domain/migration.js';
import { foldText } from '../../domain/search-text.js';

/**
 * Reads a CSV file as people save it: from Excel in Brazil (`;`, Windows-1252), from Excel's
 * "CSV UTF-8" (a BOM), from other tools (`,`, UTF-8). Pure: bytes in, rows and what was detected
 * out, or a CsvFileError saying what is wrong with the file (csv-messages.ts words it).
 */

export type CsvFileProblem =
  | { reason: 'empty' }
  | { reason: 'workbook'; format: 'xlsx' | 'xls' }
  | { reason: 'utf16' }
  | { reason: 'binary' }
  | { reason: 'malformed'; line: number | null; detail: string }
  | { reason: 'missingColumns'; missing: string[]; found: string[]; separator: CsvSeparator }
  | { reason: 'noRows' };

export class CsvFileError extends Error {
  constructor(readonly problem: CsvFileProblem) {
    super(`unreadable CSV: ${problem.reason}`);
    this.name = 'CsvFileError';
  }
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Files that are not text at all, told apart so the message can say what to do: workbooks
 * (zip-based .xlsx/.ods, and the old .xls), UTF-16 ("Unicode Text" in Excel), anything else binary.
 */
function sniffNonText(bytes: Uint8Array): CsvFileProblem | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { reason: 'workbook', format: 'xlsx' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { reason: 'workbook', format: 'xls' };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { reason: 'utf16' };
  // A spreadsheet's text never holds NUL and hardly any other C0 control; tab, CR and LF are its
  // own. A few strays are tolerated (old DOS files end with ^Z), a binary file has many.
  const sample = bytes.subarray(0, 65_536);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0x00) return { reason: 'binary' };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls += 1;
  }
  return controls > Math.max(2, sample.length / 100) ? { reason: 'binary' } : null;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (plain ASCII is too), else Windows-1252: the two ways
 * Excel saves a CSV. Windows-1252 decodes any byte, so it is the fallback, never a guess first.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (startsWith(bytes, UTF8_BOM)) return { encoding: 'UTF-8', bom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'UTF-8', bom: false };
  } catch {
    return { encoding: 'Windows-1252', bom: false };
  }
}

// Windows-1252's bytes 0x80-0x9F (WHATWG index-windows-1252); the others are Latin-1's.
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1, so "€" and Excel's curly quotes would
 * come out as control characters (nodejs/node#56542): the 32 bytes that differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => String.fromCharCode(windows1252High[char.charCodeAt(0) - 0x80]!));
}

const windows1252Bytes = new Map(windows1252High.map((code, index) => [code, 0x80 + index]));

/** Text as Excel in Brazil saves it; a character Windows-1252 lacks becomes "?", as Excel writes it. */
export function encodeWindows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.codePointAt(0)!;
      return windows1252Bytes.get(code) ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f);
    }),
  );
}

/** The text of a CSV file and how it was decoded; a file that is not text is refused here. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding; bom: boolean } {
  if (bytes.length === 0) throw new CsvFileError({ reason: 'empty' });
  const nonText = sniffNonText(bytes);
  if (nonText) throw new CsvFileError(nonText);
  const { encoding, bom } = detectEncoding(bytes);
  // A BOM declares UTF-8 outright; a stray invalid byte after it becomes U+FFFD, visible in the dry run.
  const text = encoding === 'UTF-8' ? new TextDecoder('utf-8').decode(bom ? bytes.subarray(UTF8_BOM.length) : bytes) : decodeWindows1252(bytes);
  if (text.trim() === '') throw new CsvFileError({ reason: 'empty' });
  return { text, encoding, bom };
}

/**
 * The separator is read from the header line alone: column names hold no separators, while data
 * does (pt-BR decimals and addresses have commas). The most frequent one outside quotes wins;
 * a header without any (one column) is taken as comma-separated.
 */
export function detectSeparator(headerLine: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>(csvSeparators.map((separator) => [separator, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvSeparator)) counts.set(char as CsvSeparator, counts.get(char as CsvSeparator)! + 1);
  }
  let best: CsvSeparator = ',';
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

const firstLine = (text: string) => text.replace(/^\s+/, '').split(/\r?\n|\r/, 1)[0] ?? '';

/**
 * Names as people type them, in either language: "E-mail", "Legacy username", " CODE ", "Código"
 * and "CODIGO" all name their column. Case, accents, spaces and punctuation do not count.
 */
export const columnKey = (name: string) => foldText(name).replace(/[^a-z0-9]/g, '');

export interface CsvColumns {
  /** Canonical names: the keys of the rows read. */
  required: readonly string[];
  optional: readonly string[];
  /** Other header names a column goes by (compared by columnKey), e.g. code: ["Código", "Cód"]. */
  aliases?: Readonly<Record<string, readonly string[]>>;
  /** Each column's header in each language, the way messages name it. Canonical names without it. */
  headers?: Readonly<Record<Locale, Readonly<Record<string, string>>>>;
}

function parseRecords(text: string, separator: CsvSeparator): string[][] {
  try {
    // Excel keeps formatted but empty rows as ";;;;": they are no users, so they are skipped.
    return parse(text, { delimiter: separator, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true, relax_column_count: true });
  } catch (error) {
    if (error instanceof CsvError)
      throw new CsvFileError({ reason: 'malformed', line: typeof error.lines === 'number' ? error.lines : null, detail: error.message });
    throw error;
  }
}

/** Which canonical column each header name stands for, by its columnKey. */
function columnsByKey(columns: CsvColumns): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const name of [...columns.required, ...columns.optional]) {
    for (const alias of [name, ...(columns.aliases?.[name] ?? [])]) byKey.set(columnKey(alias), name);
  }
  return byKey;
}

export interface CsvFile {
  reading: CsvReading;
  /** One record per data row, keyed by the canonical column names. */
  rows: Record<string, string>[];
  /** Each column's header as the file names it (canonical name → header), for messages the person can match to the file. */
  headers: Record<string, string>;
}

/** Reads a CSV file into one plain record per data row, keyed by the canonical column names. */
export function readCsvFile(bytes: Uint8Array, columns: CsvColumns): CsvFile {
  const { text, encoding, bom } = decodeCsvBytes(bytes);
  const separator = detectSeparator(firstLine(text));
  const [header = [], ...records] = parseRecords(text, separator);
  const byKey = columnsByKey(columns);
  // A column named twice ("Usuário" and "Login") is read from its first place; the other is left out.
  const names = header.map((name, index) => {
    const canonical = byKey.get(columnKey(name));
    return canonical !== undefined && header.findIndex((other) => byKey.get(columnKey(other)) === canonical) === index ? canonical : null;
  });
  const missing = columns.required.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new CsvFileError({ reason: 'missingColumns', missing, found: header, separator });
  if (records.length === 0) throw new CsvFileError({ reason: 'noRows' });
  const rows = records.map((record) => {
    const row: Record<string, string> = {};
    names.forEach((name, index) => {
      if (name !== null && record[index] !== undefined) row[name] = record[index];
    });
    return row;
  });
  const headers: Record<string, string> = {};
  names.forEach((name, index) => {
    if (name !== null) headers[name] = header[index]!;
  });
  const ignoredColumns = header.filter((name, index) => names[index] === null && name !== '');
  return { reading: { encoding, bom, separator, ignoredColumns }, rows, headers };
}
