import { ScimError } from './errors.js';

/**
 * SCIM filters and attribute paths (RFC 7644 §3.4.2.2 and the PATCH `path` of §3.5.2), parsed
 * into a small tree. No I/O: filter-query.ts turns a tree into a MongoDB query, patch.ts walks
 * paths, and `matches` evaluates a value filter (`emails[type eq "work"]`) on one value.
 */

export const compareOps = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOp = (typeof compareOps)[number];
export type CompValue = string | number | boolean | null;

/** An attribute as written: optional schema URN, attribute, optional sub-attribute. */
export interface AttrPath {
  uri: string | null;
  attr: string;
  sub: string | null;
}

export type Filter =
  | { op: 'and' | 'or'; left: Filter; right: Filter }
  | { op: 'not'; filter: Filter }
  | { op: 'pr'; path: AttrPath }
  | { op: CompareOp; path: AttrPath; value: CompValue }
  /** `emails[type eq "work"]`: `filter` speaks of the sub-attributes of one value of `path`. */
  | { op: 'valuePath'; path: AttrPath; filter: Filter };

/** A PATCH target: `name.familyName`, `emails[type eq "work"].value`, `emails`. */
export interface PatchPath {
  uri: string | null;
  attr: string;
  filter: Filter | null;
  sub: string | null;
}

// Long enough for any real filter; bounds the parser's work and recursion on hostile input.
const MAX_LENGTH = 2_000;
const MAX_DEPTH = 20;

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: '(' | ')' | '[' | ']' | '.'; at: number };

const invalid = (detail: string, scimType: 'invalidFilter' | 'invalidPath') => new ScimError(400, scimType, detail);

function tokenize(text: string, scimType: 'invalidFilter' | 'invalidPath'): Token[] {
  if (text.length > MAX_LENGTH) throw invalid(`longer than ${MAX_LENGTH} characters`, scimType);
  const tokens: Token[] = [];
  const pattern = /\s+|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w])|([A-Za-z_$][\w.:$-]*)|([()[\].])/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw invalid(`unexpected "${text.slice(at, at + 10)}" at position ${at + 1}`, scimType);
    const [whole, quoted, number, word, punctuation] = match;
    if (quoted !== undefined) {
      let value: string;
      try {
        value = JSON.parse(quoted) as string;
      } catch {
        throw invalid(`malformed string at position ${at + 1}`, scimType);
      }
      tokens.push({ kind: 'string', value, at });
    } else if (number !== undefined) tokens.push({ kind: 'number', value: Number(number), at });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word, at });
    else if (punctuation !== undefined) tokens.push({ kind: punctuation as '(' | ')' | '[' | ']' | '.', at });
    at += whole.length;
  }
  return tokens;
}

/** `urn:…:User:name.givenName` → uri `urn:…:User`, attr `name`, sub `givenName`. */
function splitAttrPath(text: string, at: number, scimType: 'invalidFilter' | 'invalidPath'): AttrPath {
  let uri: string | null = null;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    uri = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((part) => !/^[A-Za-z$][\w$-]*$/.test(part)))
    throw invalid(`"${text}" at position ${at + 1} is not an attribute path`, scimType);
  return { uri, attr: parts[0]!, sub: parts[1] ?? null };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly scimType: 'invalidFilter' | 'invalidPath',
  ) {}

  private peek() {
    return this.tokens[this.index];
  }
  private fail(detail: string): never {
    const token = this.peek();
    throw invalid(token ? `${detail} at position ${token.at + 1}` : `${detail} at the end`, this.scimType);
  }
  private isWord(word: string) {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }
  private expect(kind: ')' | ']') {
    if (this.peek()?.kind !== kind) this.fail(`expected "${kind}"`);
    this.index++;
  }
  end() {
    if (this.index < this.tokens.length) this.fail('unexpected text');
  }

  filter(): Filter {
    if (++this.depth > MAX_DEPTH) this.fail('nested too deeply');
    let left = this.conjunction();
    while (this.isWord('or')) {
      this.index++;
      left = { op: 'or', left, right: this.conjunction() };
    }
    this.depth--;
    return left;
  }

  private conjunction(): Filter {
    let left = this.unary();
    while (this.isWord('and')) {
      this.index++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    if (this.isWord('not')) {
      this.index++;
      if (this.peek()?.kind !== '(') this.fail('expected "(" after not');
      this.index++;
      const filter = this.filter();
      this.expect(')');
      return { op: 'not', filter };
    }
    if (this.peek()?.kind === '(') {
      this.index++;
      const filter = this.filter();
      this.expect(')');
      return filter;
    }
    return this.attributeExpression();
  }

  attrPath(): AttrPath {
    const token = this.peek();
    if (token?.kind !== 'word') this.fail('expected an attribute name');
    this.index++;
    return splitAttrPath(token.text, token.at, this.scimType);
  }

  /** `[valFilter]` after an attribute, if there is one. */
  valueFilter(path: AttrPath): Filter | null {
    if (this.peek()?.kind !== '[') return null;
    if (path.sub) this.fail('a value filter follows an attribute, not a sub-attribute');
    this.index++;
    const filter = this.filter();
    if (containsValuePath(filter)) this.fail('value filters do not nest');
    this.expect(']');
    return filter;
  }

  /** `.sub` after `]`. */
  subAttribute(): string | null {
    if (this.peek()?.kind !== '.') return null;
    this.index++;
    const token = this.peek();
    if (token?.kind !== 'word' || !/^[A-Za-z$][\w$-]*$/.test(token.text)) this.fail('expected a sub-attribute name');
    this.index++;
    return token.text;
  }

  private comparison(path: AttrPath): Filter {
    const token = this.peek();
    const op = token?.kind === 'word' ? token.text.toLowerCase() : '';
    if (op === 'pr') {
      this.index++;
      return { op: 'pr', path };
    }
    if (!(compareOps as readonly string[]).includes(op)) this.fail('expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)');
    this.index++;
    return { op: op as CompareOp, path, value: this.compValue() };
  }

  private compValue(): CompValue {
    const token = this.peek();
    this.index++;
    if (token?.kind === 'string' || token?.kind === 'number') return token.value;
    if (token?.kind === 'word') {
      const literal = token.text.toLowerCase();
      if (literal === 'true') return true;
      if (literal === 'false') return false;
      if (literal === 'null') return null;
    }
    this.index--;
    return this.fail('expected a value: a "quoted string", a number, true, false or null');
  }

  private attributeExpression(): Filter {
    const path = this.attrPath();
    const filter = this.valueFilter(path);
    if (!filter) return this.comparison(path);
    // `emails[type eq "work"].value eq "x"` is not in RFC 7644's grammar, but identity providers
    // write it (it is their PATCH path form): read it as `emails[type eq "work" and value eq "x"]`.
    const sub = this.subAttribute();
    if (!sub) return { op: 'valuePath', path, filter };
    return { op: 'valuePath', path, filter: { op: 'and', left: filter, right: this.comparison({ uri: null, attr: sub, sub: null }) } };
  }
}

function containsValuePath(filter: Filter): boolean {
  if (filter.op === 'valuePath') return true;
  if (filter.op === 'and' || filter.op === 'or') return containsValuePath(filter.left) || containsValuePath(filter.right);
  if (filter.op === 'not') return containsValuePath(filter.filter);
  return false;
}

/** Parses a `filter` query parameter; a malformed one is a 400 invalidFilter saying where. */
export function parseFilter(text: string): Filter {
  if (!text.trim()) throw invalid('the filter is empty', 'invalidFilter');
  const parser = new Parser(tokenize(text, 'invalidFilter'), 'invalidFilter');
  const filter = parser.filter();
  parser.end();
  return filter;
}

/** Parses a PATCH operation's `path`; a malformed one is a 400 invalidPath. */
export function parsePatchPath(text: string): PatchPath {
  const parser = new Parser(tokenize(text, 'invalidPath'), 'invalidPath');
  const path = parser.attrPath();
  const filter = parser.valueFilter(path);
  const sub = filter ? parser.subAttribute() : path.sub;
  parser.end();
  return { uri: path.uri, attr: path.attr, filter, sub };
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

function compare(op: CompareOp, actual: unknown, expected: CompValue): boolean {
  if (actual === undefined || actual === null) return op === 'eq' ? expected === null : op === 'ne' ? expected !== null : false;
  // Sub-attributes of emails and names are case-insensitive (caseExact false in RFC 7643).
  const [a, b] = [lower(actual), lower(expected)];
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    case 'sw':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'ew':
      return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    default: {
      if (b === null || typeof a !== typeof b || typeof a === 'boolean') return false;
      const order = (a as string | number) < (b as string | number) ? -1 : a === b ? 0 : 1;
      return op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
    }
  }
}

/** Evaluates a value filter on one value of a multi-valued attribute (sub-attribute names without case). */
export function matches(filter: Filter, value: Record<string, unknown>): boolean {
  const field = (name: string) => Object.entries(value).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  switch (filter.op) {
    case 'and':
      return matches(filter.left, value) && matches(filter.right, value);
    case 'or':
      return matches(filter.left, value) || matches(filter.right, value);
    case 'not':
      return !matches(filter.filter, value);
    case 'pr': {
      const present = field(filter.path.attr);
      return present !== undefined && present !== null && present !== '';
    }
    case 'valuePath':
      return false;
    default:
      return compare(filter.op, field(filter.path.attr), filter.value);
  }
}
