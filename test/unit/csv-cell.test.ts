import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../domain/csv-cell.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=cmd|/C calc!A0', "'=cmd|/C calc!A0"],
    ['=HYPERLINK("http://x.test","click")', '\'=HYPERLINK("http://x.test","click")'],
    ['+55 11 5555-0000', "'+55 11 5555-0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j with a single quote', (cell, safe) => expect(neutraliseFormula(cell)).toBe(safe));

  it.each(['João Silva', 'ana@example.com', 'a=b', 'Costa-Silva', '', "'already quoted", ' =1'])('leaves %j as it is', (cell) =>
    expect(neutraliseFormula(cell)).toBe(cell),
  );
});
