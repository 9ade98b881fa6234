import { downloadCSV, useLocaleState, useTranslate, type DataProvider, type Exporter } from 'react-admin';
import { neutraliseFormula } from '../../domain/csv-cell';
import { toCsv } from '../shared/spreadsheet-exporter';
import { MAX_LIST_PAGE } from '../../domain/list-page';
import type { User } from '../../domain/user';

/** The export's columns, in order: what an office reads, not the record's internals. */
const columns = ['code', 'name', 'email', 'tenantId', 'role', 'status', 'legacyUsername', 'createdAt', 'invitedAt', 'activatedAt'] as const;
type Column = (typeof columns)[number];

/** A date a spreadsheet reads as one in every locale: "2025-03-07 14:05", in the admin's time zone. */
export function spreadsheetDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The tenants' names by id, asked for by at most a page of ids at a time (the API's getMany limit). */
async function tenantNames(dataProvider: DataProvider, users: User[]): Promise<Map<string, string>> {
  const ids = [...new Set(users.map((user) => user.tenantId))];
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += MAX_LIST_PAGE) {
    const { data } = await dataProvider.getMany<{ id: string; name: string }>('tenants', { ids: ids.slice(start, start + MAX_LIST_PAGE) });
    for (const tenant of data) names.set(tenant.id, tenant.name);
  }
  return names;
}

/**
 * The users list's exporter (react-admin's `exporter`): the rows the list's ExportButton fetched
 * with the list's filter and sort, as a CSV with the console's column names and labels. Every
 * cell that a spreadsheet would run as a formula is neutralised (domain/csv-cell.ts). In
 * Portuguese the separator is `;` and in English `,`, as Excel expects in each; the UTF-8 BOM
 * makes Excel read accents right.
 */
export function useUsersExporter(): Exporter<User> {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return async (users, _fetchRelatedRecords, dataProvider) => {
    const tenants = await tenantNames(dataProvider, users);
    const rows = users.map((user) => {
      const cells: Record<Column, string> = {
        code: String(user.code),
        name: user.name,
        email: user.email ?? '',
        tenantId: tenants.get(user.tenantId) ?? user.tenantId,
        role: translate(`roles.${user.role}`),
        status: translate(`status.${user.status}`),
        legacyUsername: user.legacyUsername ?? '',
        createdAt: spreadsheetDate(user.createdAt),
        invitedAt: spreadsheetDate(user.invitedAt),
        activatedAt: spreadsheetDate(user.activatedAt),
      };
      return Object.fromEntries(Object.entries(cells).map(([column, cell]) => [column, neutraliseFormula(cell)])) as Record<Column, string>;
    });
    const headers = columns.map((column) => translate(`resources.users.fields.${column}`));
    const csv = await toCsv(rows, columns, headers, locale);
    downloadCSV(`\ufeff${csv}`, `users-${spreadsheetDate(new Date().toISOString()).slice(0, 10)}`);
  };
}
