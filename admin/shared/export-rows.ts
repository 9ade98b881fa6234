import { neutraliseFormula } from '../../domain/csv-cell.js';

type Cell = string;

/**
 * Records as spreadsheet rows: top-level values as they are, objects one level down as
 * `field.sub` columns (an audit event's `actor.label`), anything deeper as JSON text, dates kept
 * as their ISO text; and every cell neutralised (domain/csv-cell.ts), so a name typed as
 * `=HYPERLINK(…)` by anyone who can name a record never runs as a formula on the reader's machine.
 */
export function exportRows(records: object[]): { columns: string[]; rows: Record<string, Cell>[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  const text = (value: unknown): Cell => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const rows = records.map((record) => {
    const row: Record<string, Cell> = {};
    const put = (column: string, value: unknown) => {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
      row[column] = neutraliseFormula(text(value));
    };
    for (const [field, value] of Object.entries(record)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [sub, inner] of Object.entries(value)) put(`${field}.${sub}`, inner);
      else put(field, Array.isArray(value) ? value.map(text).join(', ') : value);
    }
    return row;
  });
  return { columns, rows: rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? '']))) };
}
