/**
 * A cell of a CSV that people open in a spreadsheet. Excel, LibreOffice and Google Sheets run a
 * cell that starts with `=`, `+`, `-` or `@` as a formula, and a tab or carriage return in front
 * can hide that start from a naive check; a name typed as `=HYPERLINK(…)` at sign-up would run on
 * the admin's machine when they open the export (OWASP "CSV Injection"). A leading single quote
 * makes the spreadsheet show the text as text; the quote is visible, which is the honest price.
 */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(cell: string): string {
  return FORMULA_STARTS.has(cell.charAt(0)) ? `'${cell}` : cell;
}
