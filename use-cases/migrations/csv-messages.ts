import type { Locale } from '../../domain/locale.js';
import type { CsvColumns, CsvFileProblem } from './csv-file.js';

const separatorName = { en: { ',': 'comma', ';': 'semicolon', '\t': 'tab' }, 'pt-BR': { ',': 'vírgula', ';': 'ponto e vírgula', '\t': 'tabulação' } } as const;
const list = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
const columnName = (columns: CsvColumns, locale: Locale) => (name: string) => columns.headers?.[locale][name] ?? name;

/**
 * The header line as the reader's language writes it: pt-BR as Excel in Brazil saves it
 * (`Código;Nome;…`), English comma-separated; canonical names for columns without headers.
 */
const headerLine = (columns: CsvColumns, locale: Locale) =>
  [...columns.required, ...columns.optional].map(columnName(columns, locale)).join(locale === 'pt-BR' ? ';' : ',');

/**
 * Why a file could not be read and what to do about it, in the caller's language: the person
 * reading it is usually holding an Excel file, so the advice names Excel's menus.
 */
export function csvProblemMessage(problem: CsvFileProblem, locale: Locale, columns: CsvColumns): string {
  const header = headerLine(columns, locale);
  const en = locale === 'en';
  const named = columnName(columns, locale);
  const required = columns.required.map(named).join(en ? ' and ' : ' e ');
  // Either language's header is read: the other one is shown too when the columns have one.
  const otherHeader = columns.headers ? (en ? ` (or in Portuguese: ${headerLine(columns, 'pt-BR')})` : ` (ou em inglês: ${headerLine(columns, 'en')})`) : '';
  switch (problem.reason) {
    case 'empty':
      return en
        ? `The file is empty. Choose the spreadsheet saved as CSV: a header line (${header}) and one user per line.`
        : `O arquivo está vazio. Escolha a planilha salva como CSV: uma linha de cabeçalho (${header}) e um usuário por linha.`;
    case 'workbook':
      return en
        ? `This is an Excel workbook (.${problem.format}), not a CSV file. In Excel, choose File › Save As › "CSV UTF-8" (or "CSV"), then import that file.`
        : `Este arquivo é uma pasta de trabalho do Excel (.${problem.format}), não um CSV. No Excel, escolha Arquivo › Salvar como › "CSV UTF-8" (ou "CSV") e importe esse arquivo.`;
    case 'utf16':
      return en
        ? 'The file is saved as UTF-16 ("Unicode Text"), which is not read here. In Excel, choose File › Save As › "CSV UTF-8", then import that file.'
        : 'O arquivo foi salvo em UTF-16 ("Texto Unicode"), que não é lido aqui. No Excel, escolha Arquivo › Salvar como › "CSV UTF-8" e importe esse arquivo.';
    case 'binary':
      return en
        ? `The file is not text (it holds binary data), so it is not a CSV. Save the user list as CSV ("CSV UTF-8" in Excel) with a header line (${header}) and import that file.`
        : `O arquivo não é texto (contém dados binários), então não é um CSV. Salve a lista de usuários como CSV ("CSV UTF-8" no Excel) com uma linha de cabeçalho (${header}) e importe esse arquivo.`;
    case 'malformed': {
      const where = problem.line === null ? '' : en ? ` at line ${problem.line}` : ` na linha ${problem.line}`;
      return en
        ? `The CSV could not be read${where} (${problem.detail}). Check the quotes there: a field that starts with a quote must end with one.`
        : `Não foi possível ler o CSV${where} (${problem.detail}). Verifique as aspas ali: um campo que começa com aspas deve terminar com aspas.`;
    }
    case 'missingColumns': {
      const found = problem.found.length > 0 ? list(problem.found) : en ? 'nothing' : 'nada';
      const missing = list(problem.missing.map(named));
      return en
        ? `The header line has no ${missing} column${problem.missing.length > 1 ? 's' : ''} (found ${found}, separated by ${separatorName.en[problem.separator]}). The first line must name the columns: ${header}${otherHeader}; ${required} are required.`
        : `A linha de cabeçalho não tem ${problem.missing.length > 1 ? 'as colunas' : 'a coluna'} ${missing} (encontrado ${found}, separado por ${separatorName['pt-BR'][problem.separator]}). A primeira linha deve nomear as colunas: ${header}${otherHeader}; ${required} são obrigatórias.`;
    }
    case 'noRows':
      return en
        ? 'The file has a header line but no user under it: add one user per line below the header.'
        : 'O arquivo tem a linha de cabeçalho, mas nenhum usuário abaixo dela: adicione um usuário por linha abaixo do cabeçalho.';
  }
}
