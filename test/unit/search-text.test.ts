import { describe, expect, it } from 'vitest';
import { foldText, searchText, searchWords, wordSuffixes } from '../../domain/search-text.js';

describe('foldText', () => {
  it.each([
    ['João', 'joao'],
    ['CONCEIÇÃO', 'conceicao'],
    ['Antônia Araújo', 'antonia araujo'],
    ['Zélia', 'zelia'],
    // Composed and decomposed forms of the same name fold alike.
    ['Jo\u00e3o', 'joao'],
    ['Joa\u0303o', 'joao'],
    ['İstanbul', 'istanbul'],
    // Letters without a decomposition are kept.
    ['Søren Weiß', 'søren weiß'],
    ['luis.s@Example.com', 'luis.s@example.com'],
  ])('%s → %s', (text, folded) => expect(foldText(text)).toBe(folded));
});

describe('searchWords and searchText', () => {
  it('split on anything that is not a letter or a digit', () => {
    expect(searchWords("  Ana-Maria  D'Ávila ")).toEqual(['ana', 'maria', 'd', 'avila']);
    expect(searchWords('JOÃO S')).toEqual(['joao', 's']);
    expect(searchWords('luis.s')).toEqual(['luis', 's']);
    expect(searchWords('Turma 2024')).toEqual(['turma', '2024']);
    expect(searchWords(' — ')).toEqual([]);
  });

  it('join the words with single spaces', () => {
    expect(searchText('  João   Silva\tCosta ')).toBe('joao silva costa');
    expect(searchText('')).toBe('');
  });
});

describe('wordSuffixes', () => {
  it('is the name from each of its words on', () => {
    expect(wordSuffixes('João Silva Costa')).toEqual(['joao silva costa', 'silva costa', 'costa']);
    expect(wordSuffixes('Zé')).toEqual(['ze']);
    expect(wordSuffixes('')).toEqual([]);
  });
});
