import jsonExport from 'jsonexport/dist/index.js';
import { downloadCSV, useLocaleState, useTranslate, type Exporter, type RaRecord } from 'react-admin';
import { exportRows } from './export-rows';

/** Rows as CSV text: `;` in Portuguese and `,` in English, as Excel expects in each; CRLF line ends. */
export const toCsv = (rows: Record<string, string>[], columns: readonly string[], headers: string[], locale: string) =>
  new Promise<string>((resolve, reject) =>
    jsonExport(rows, { headers: [...columns], rename: headers, rowDelimiter: locale === 'pt-BR' ? ';' : ',', endOfLine: '\r\n' }, (error, csv) =>
      error ? reject(error) : resolve(csv),
    ),
  );

/**
 * The exporter of every list but the users' (which has its own columns): the rows the list's
 * Export button fetched, every cell neutralised against formulas (export-rows.ts), headers in the
 * reader's language, `;` and a BOM in Portuguese as Excel in Brazil expects, `,` in English.
 */
export function useSpreadsheetExporter(resource: string): Exporter<RaRecord> {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return async (records) => {
    const { columns, rows } = exportRows(records);
    const headers = columns.map((column) => translate(`resources.${resource}.fields.${column}`, { _: column }));
    const csv = await toCsv(rows, columns, headers, locale);
    downloadCSV(`\ufeff${csv}`, `${resource}-${new Date().toISOString().slice(0, 10)}`);
  };
}
