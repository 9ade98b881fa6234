import { z } from 'zod';

/**
 * How people's names and e-mails are compared when someone searches for them: without case and
 * without accents, because people type "joao" for "João" and "CONCEICAO" for "Conceição". The
 * stored search keys (data/models/user-search.ts) and every query go through these same
 * functions, so a key written today and a query typed tomorrow always agree.
 */

/**
 * Lowercase, without accents: NFD splits "ã" into "a" and a combining tilde, which is dropped.
 * Letters with no decomposition (ø, ß, æ) stay as they are.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words of a name or a query, folded: runs of letters and digits. Punctuation separates words
 * like a space does, so "Ana-Maria D'Ávila" is ana, maria, d, avila and a search for "avila" finds her.
 */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The folded words joined by single spaces: the form names are stored, sorted and matched in. */
export function searchText(text: string): string {
  return searchWords(text).join(' ');
}

/**
 * The texts a name can be found by: the name from each of its words on ("joao silva costa",
 * "silva costa", "costa"). A query's words match a name when they start one of these: "costa",
 * "silva c" and "joao s" do; "joao costa" does not (its words must follow each other).
 */
export function wordSuffixes(text: string): string[] {
  const words = searchWords(text);
  return words.map((_, index) => words.slice(index).join(' '));
}

/** The `q` of a people search (the users list, the migration review), as the API takes it. */
export const searchQuerySchema = z.string().max(200).meta({
  description: "Words that start consecutive words of the name, or the start of the login e-mail; case and accents ignored ('costa', 'joao s', 'ana.s')",
});
