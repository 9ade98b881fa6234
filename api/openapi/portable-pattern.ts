const hex = (codePoint: number) => `\\u${codePoint.toString(16).padStart(4, '0')}`;
// Astral code points go in as themselves: `\u{…}` is JavaScript's spelling and `\U…` Python's.
const spell = (codePoint: number) => (codePoint > 0xffff ? String.fromCodePoint(codePoint) : hex(codePoint));

const planes = new Map<number, string>();

/** Every code point from `first` to `last` as UTF-16, surrogates as U+0000 (the classes here never hold either); built once. */
function plane(first: number, last: number) {
  const cached = planes.get(first);
  if (cached !== undefined) return cached;
  const units = new Uint16Array((last - first + 1) * (first > 0xffff ? 2 : 1));
  for (let codePoint = first, index = 0; codePoint <= last; codePoint += 1) {
    if (codePoint > 0xffff) {
      units[index++] = 0xd800 + ((codePoint - 0x10000) >> 10);
      units[index++] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
    } else units[index++] = codePoint >= 0xd800 && codePoint <= 0xdfff ? 0 : codePoint;
  }
  const text = new TextDecoder('utf-16le').decode(units);
  planes.set(first, text);
  return text;
}

/**
 * The inside of a character class holding exactly the code points `property` matches (e.g.
 * /\p{L}/u), spelled without Unicode property escapes. A JSON Schema pattern is read by JavaScript
 * and by Python's `re` (schemathesis generates requests from it), and only JavaScript knows `\p{…}`.
 */
export function portableClass(property: RegExp): string {
  const runs = new RegExp(`(?:${property.source})+`, 'gu');
  const ranges: string[] = [];
  // The basic plane is one UTF-16 unit per code point, the others two.
  for (const [first, last, width] of [
    [0, 0xffff, 1],
    [0x10000, 0x10ffff, 2],
  ] as const) {
    for (const run of plane(first, last).matchAll(runs)) {
      const start = first + run.index / width;
      const end = start + run[0].length / width - 1;
      ranges.push(end === start ? spell(start) : `${spell(start)}${end > start + 1 ? '-' : ''}${spell(end)}`);
    }
  }
  return ranges.join('');
}
