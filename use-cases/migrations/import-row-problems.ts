import type { z } from 'zod';
import type { ErrorField } from '../../domain/errors.js';
import type { Locale } from '../../domain/locale.js';
import { columnLabel, maxCode, roleWords } from './import-columns.js';

/**
 * Why an import row is refused, in the reader's language: the column as their file names it (or
 * as their language's template does), what is wrong and what to do. The `path` is the canonical
 * column name, stable for clients that switch on it; only the message is worded for people.
 */

type Wording = Record<Locale, (label: string, value: string) => string>;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
// The cell as the person typed it, short enough to read in a message.
const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

const required: Record<string, Wording> = {
  code: {
    en: (label) => `${label}: required — fill in the user's code (a positive whole number)`,
    'pt-BR': (label) => `${label}: obrigatório — preencha o código do usuário (um número inteiro positivo)`,
  },
  name: {
    en: (label) => `${label}: required — fill in the user's name`,
    'pt-BR': (label) => `${label}: obrigatório — preencha o nome do usuário`,
  },
};

const tooLong = (max: number): Wording => ({
  en: (label) => `${label}: at most ${max} characters — shorten it`,
  'pt-BR': (label) => `${label}: no máximo ${max} caracteres — encurte o texto`,
});

const notText: Wording = {
  en: (label) => `${label}: must be text`,
  'pt-BR': (label) => `${label}: deve ser um texto`,
};

const invalid: Record<string, Wording> = {
  code: {
    en: (label) => `${label}: must be a positive whole number`,
    'pt-BR': (label) => `${label}: deve ser um número inteiro positivo`,
  },
  role: {
    en: (label, value) => `${label}: "${value}" is not a role — use ${roleWords.en.supervisor} or ${roleWords.en.member}`,
    'pt-BR': (label, value) => `${label}: "${value}" não é um perfil — use ${roleWords['pt-BR'].supervisor} ou ${roleWords['pt-BR'].member}`,
  },
  locale: {
    en: (label, value) => `${label}: "${value}" is not a language of the e-mails — use en (English) or pt-BR (Portuguese)`,
    'pt-BR': (label, value) => `${label}: "${value}" não é um idioma dos e-mails — use pt-BR (português) ou en (inglês)`,
  },
};

const codeTooBig: Wording = {
  en: (label) => `${label}: at most ${maxCode} — use a shorter code`,
  'pt-BR': (label) => `${label}: no máximo ${maxCode} — use um código menor`,
};

const notARow: Record<Locale, string> = {
  en: 'The row must be an object with at least code and name',
  'pt-BR': 'A linha deve ser um objeto com pelo menos código e nome',
};

function wordingFor(field: string, issue: z.core.$ZodIssue, value: unknown): Wording {
  if (blank(value) && required[field]) return required[field];
  if (field === 'code' && issue.code === 'too_big') return codeTooBig;
  if (invalid[field]) return invalid[field];
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return tooLong(issue.maximum);
  return notText;
}

/** One problem per column of a row the schema refused, in the reader's language. */
export function rowProblems(error: z.ZodError, raw: unknown, locale: Locale, fileHeaders?: Readonly<Record<string, string>>): ErrorField[] {
  const given = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!given) return [{ path: '', message: notARow[locale] }];
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (problems.has(field)) continue;
    const value = given[field];
    problems.set(field, wordingFor(field, issue, value)[locale](columnLabel(field, locale, fileHeaders), blank(value) ? '' : shown(value)));
  }
  return [...problems].map(([path, message]) => ({ path, message }));
}

/** A row whose user code another user has: in the office already, or earlier in the same import. */
export function codeClash(code: number, where: 'office' | 'import', locale: Locale, fileHeaders?: Readonly<Record<string, string>>): ErrorField {
  const label = columnLabel('code', locale, fileHeaders);
  const messages = {
    office: {
      en: `${label} ${code} is already used by another user of this office — give this user a code of their own`,
      'pt-BR': `${label} ${code} já é usado por outro usuário deste escritório — dê a este usuário um código próprio`,
    },
    import: {
      en: `${label} ${code} appears twice in this import — each user needs a code of their own`,
      'pt-BR': `${label} ${code} aparece duas vezes nesta importação — cada usuário precisa de um código próprio`,
    },
  };
  return { path: 'code', message: messages[where][locale] };
}
