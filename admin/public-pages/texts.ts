import type { Locale } from '../../domain/locale';
import { publicTexts, type PublicTexts } from '../i18n/public-texts';

type SignInKey = keyof PublicTexts['sign_in'];
export type TextKey = Exclude<keyof PublicTexts, 'sign_in'> | `sign_in.${SignInKey}`;
export type Translate = (key: TextKey, options?: Record<string, string | number>) => string;

/**
 * The browser's language at first (the page then follows the invitation's, or the link's
 * `locale`): as domain/locale.ts reads Accept-Language, which this bundle does not import (zod).
 */
export function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    if (/^pt/i.test(tag)) return 'pt-BR';
    if (/^en/i.test(tag)) return 'en';
  }
  return 'en';
}

export const asLocale = (value: string | null): Locale | null => (value === 'en' || value === 'pt-BR' ? value : null);

/**
 * The texts of admin/i18n/public-texts.ts as polyglot would give them, without polyglot: `%{name}`
 * filled in, and `singular |||| plural` chosen by `smart_count` with the language's own rule
 * (Intl.PluralRules: in pt-BR, 0 is singular too, as polyglot has it).
 */
export function translator(locale: Locale): Translate {
  const texts = publicTexts[locale];
  const plural = new Intl.PluralRules(locale);
  return (key, options = {}) => {
    let text = key.startsWith('sign_in.') ? texts.sign_in[key.slice('sign_in.'.length) as SignInKey] : texts[key as Exclude<TextKey, `sign_in.${string}`>];
    if (typeof options.smart_count === 'number') {
      const forms = text.split(' |||| ');
      text = (plural.select(options.smart_count) === 'one' ? forms[0] : forms[1]) ?? forms[0] ?? text;
    }
    return text.replace(/%\{(\w+)\}/g, (placeholder, name: string) => (name in options ? String(options[name]) : placeholder));
  };
}
