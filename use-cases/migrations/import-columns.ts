import type { Locale } from '../../domain/locale.js';
import type { Role } from '../../domain/user.js';
import { columnKey, type CsvColumns } from './csv-file.js';

/**
 * The import's columns, one line each: the canonical name (a JSON row's field and a problem's
 * `path`, stable for clients), the header of each language's template (how messages name the
 * column), and the other names offices' spreadsheets give it. Every name is compared by columnKey:
 * case, accents, spaces and punctuation do not count, so "Usuário atual", "USUARIO ATUAL" and
 * "usuario_atual" are one name, and "Código" covers "Codigo".
 */
const importColumnTable = {
  code: { required: true, 'pt-BR': 'Código', en: 'Code', aliases: ['Cód'] },
  name: { required: true, 'pt-BR': 'Nome', en: 'Name', aliases: [] },
  legacyUsername: { required: false, 'pt-BR': 'Usuário atual', en: 'Legacy username', aliases: ['Usuário', 'Usuário antigo', 'Login'] },
  email: { required: false, 'pt-BR': 'E-mail', en: 'E-mail', aliases: ['Usuário novo', 'Novo usuário', 'New login'] },
  role: { required: false, 'pt-BR': 'Perfil', en: 'Role', aliases: ['Papel', 'Função'] },
  locale: { required: false, 'pt-BR': 'Idioma', en: 'Locale', aliases: ['Língua', 'Language'] },
} as const satisfies Record<string, { required: boolean; aliases: readonly string[] } & Record<Locale, string>>;

export type ImportColumn = keyof typeof importColumnTable;
const columnNames = Object.keys(importColumnTable) as ImportColumn[];
const headersIn = (locale: Locale) => Object.fromEntries(columnNames.map((name) => [name, importColumnTable[name][locale]])) as Record<ImportColumn, string>;

/** The highest user code an import takes (a signed 32-bit integer). */
export const maxCode = 2_147_483_647;

/** The CSV header's columns, of which code and name must be there, with every name each goes by. */
export const importColumns = {
  required: columnNames.filter((name) => importColumnTable[name].required),
  optional: columnNames.filter((name) => !importColumnTable[name].required),
  aliases: Object.fromEntries(
    columnNames.map((name) => [name, [importColumnTable[name]['pt-BR'], importColumnTable[name].en, ...importColumnTable[name].aliases]]),
  ),
  headers: { en: headersIn('en'), 'pt-BR': headersIn('pt-BR') },
} satisfies CsvColumns;

/** How a column is named to the reader: as their file names it, else as their language's template does. */
export function columnLabel(name: string, locale: Locale, fileHeaders: Readonly<Record<string, string>> = {}): string {
  return fileHeaders[name] ?? (importColumns.headers[locale] as Record<string, string | undefined>)[name] ?? name;
}

/**
 * The values offices write for a role and a language, by columnKey ("Supervisora", "membro",
 * "Português", "pt_BR"), and how the template and the messages write each role. Anything else
 * stays a row problem that says which values are accepted.
 */
const roleValues: Record<string, Role> = {
  supervisor: 'supervisor',
  supervisora: 'supervisor',
  member: 'member',
  membro: 'member',
  colaborador: 'member',
  colaboradora: 'member',
};
export const roleWords: Record<Locale, Record<Role, string>> = {
  en: { supervisor: 'supervisor', member: 'member' },
  'pt-BR': { supervisor: 'supervisor', member: 'membro' },
};
const localeValues: Record<string, Locale> = {
  ptbr: 'pt-BR',
  pt: 'pt-BR',
  portugues: 'pt-BR',
  portuguese: 'pt-BR',
  en: 'en',
  enus: 'en',
  ingles: 'en',
  english: 'en',
};

/** A cell as its canonical value when it is a known way of writing one; a blank cell is no value (the default applies). */
const knownValue =
  <T extends string>(values: Record<string, T>) =>
  (value: unknown) =>
    typeof value !== 'string' ? value : value.trim() === '' ? undefined : (values[columnKey(value)] ?? value);
export const roleValue = knownValue(roleValues);
export const localeValue = knownValue(localeValues);
