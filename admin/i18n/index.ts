import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import type { Locale } from '../../domain/locale';
import { en } from './en';
import { ptBR } from './pt-BR';

export const messages: Record<Locale, TranslationMessages> = {
  en: en as TranslationMessages,
  'pt-BR': ptBR as TranslationMessages,
};

/** English unless the browser prefers Portuguese; the admin's choice in the locale menu is then remembered by react-admin. */
export function browserLocale(): Locale {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith('pt')) return 'pt-BR';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

/** One of our locales, English for anything else (no zod schema here: it would weigh on the console's first load). */
export const asLocale = (value: unknown): Locale => (value === 'pt-BR' ? 'pt-BR' : 'en');

export function createI18nProvider(initial: Locale = browserLocale()) {
  return polyglotI18nProvider((locale) => messages[asLocale(locale)], initial, [
    { locale: 'en', name: 'English' },
    { locale: 'pt-BR', name: 'Português (Brasil)' },
  ]);
}

export const i18nProvider = createI18nProvider();
