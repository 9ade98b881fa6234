/** A header name as the reader matches it, any case: `code` also matches `CODE` and ` Code `. */
const anyCase = (name: string) => `[ ]*${[...name].map((char) => (/[a-z]/i.test(char) ? `[${char.toUpperCase()}${char.toLowerCase()}]` : char)).join('')}[ ]*`;

/**
 * The CSV files the import reads for certain, as a pattern for the OpenAPI document: a header line
 * that starts with one required column, names the other, and separates every column with the same
 * comma, semicolon or tab; then at least one line holding a value. Column names hold no separator
 * and no quote; no line holds a quote or a control character. The reader takes more (quoted
 * fields, other column orders); the description says so, and anything else gets MALFORMED_CSV.
 */
export function csvPattern([first, second]: readonly string[]) {
  const column = '[^\\r\\n",;\\t\\x00-\\x1f]*';
  const line = '[^\\r\\n"\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*';
  const header = (lead: string, other: string, group: number) => `${anyCase(lead)}([,;\\t])(?:${column}\\${group})*${anyCase(other)}(?:\\${group}${column})*`;
  return `^(?:${header(first!, second!, 1)}|${header(second!, first!, 2)})(?:\\r?\\n${line})*\\r?\\n${line}[A-Za-z0-9]${line}(?:\\r?\\n${line})*$`;
}
