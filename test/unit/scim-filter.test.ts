import { describe, expect, it } from 'vitest';
import { scimErrorOf } from '../harness/scim-error.js';
import { matches, parseFilter, parsePatchPath } from '../../api/scim/filter.js';
import { filterToQuery } from '../../api/scim/filter-query.js';

describe('SCIM filter parser', () => {
  it('reads comparisons, presence, and/or/not with SCIM precedence (and before or)', () => {
    expect(parseFilter('userName eq "ana@example.com"')).toEqual({ op: 'eq', path: { uri: null, attr: 'userName', sub: null }, value: 'ana@example.com' });
    expect(parseFilter('title pr')).toEqual({ op: 'pr', path: { uri: null, attr: 'title', sub: null } });
    const tree = parseFilter('userName sw "a" or name.givenName co "b" and active eq true');
    expect(tree).toMatchObject({
      op: 'or',
      left: { op: 'sw' },
      right: { op: 'and', left: { op: 'co', path: { attr: 'name', sub: 'givenName' } }, right: { op: 'eq', value: true } },
    });
    expect(parseFilter('(userName sw "a" or userName sw "b") and not (active eq false)')).toMatchObject({
      op: 'and',
      left: { op: 'or' },
      right: { op: 'not', filter: { op: 'eq', value: false } },
    });
  });

  it('takes operators and keywords in any case, JSON strings with escapes, numbers, null, and schema URNs', () => {
    expect(parseFilter('USERNAME EQ "a\\"b" AND meta.lastModified GT "2011-05-13T04:42:34Z"')).toMatchObject({
      op: 'and',
      left: { op: 'eq', value: 'a"b' },
      right: { op: 'gt', path: { attr: 'meta', sub: 'lastModified' } },
    });
    expect(parseFilter('x eq 42')).toMatchObject({ value: 42 });
    expect(parseFilter('externalId eq null')).toMatchObject({ value: null });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq "Souza"')).toMatchObject({
      path: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', attr: 'name', sub: 'familyName' },
    });
  });

  it('reads value filters, and the PATCH path form Entra also writes in filters', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toMatchObject({
      op: 'valuePath',
      path: { attr: 'emails' },
      filter: { op: 'and' },
    });
    expect(parseFilter('emails[type eq "work"].value eq "ana@example.com"')).toEqual({
      op: 'valuePath',
      path: { uri: null, attr: 'emails', sub: null },
      filter: {
        op: 'and',
        left: { op: 'eq', path: { uri: null, attr: 'type', sub: null }, value: 'work' },
        right: { op: 'eq', path: { uri: null, attr: 'value', sub: null }, value: 'ana@example.com' },
      },
    });
  });

  it.each([
    ['', 'the filter is empty'],
    ['userName eq', 'expected a value'],
    ['userName equals "a"', 'expected an operator'],
    ['userName eq "a" and', 'expected an attribute name'],
    ['(userName eq "a"', 'expected ")"'],
    ['userName eq "unterminated', 'unexpected'],
    ['userName eq unquoted', 'expected a value'],
    ['emails[type eq "work"', 'expected "]"'],
    ['emails[type[value eq "x"] eq "y"]', 'value filters do not nest'],
    ['a.b.c eq "x"', 'not an attribute path'],
    ['userName eq "a" "b"', 'unexpected text'],
    ['not userName eq "a"', 'expected "(" after not'],
    [`${'('.repeat(30)}userName pr${')'.repeat(30)}`, 'nested too deeply'],
    [`userName eq "${'x'.repeat(2_100)}"`, 'longer than'],
  ])('refuses %j: 400 invalidFilter', (filter, detail) => {
    const error = scimErrorOf(() => parseFilter(filter));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect(error.detail).toContain(detail);
  });
});

describe('SCIM PATCH paths', () => {
  it('reads attributes, sub-attributes, URNs and value filters with a sub-attribute', () => {
    expect(parsePatchPath('active')).toEqual({ uri: null, attr: 'active', filter: null, sub: null });
    expect(parsePatchPath('name.familyName')).toEqual({ uri: null, attr: 'name', filter: null, sub: 'familyName' });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({ attr: 'emails', filter: { op: 'eq', value: 'work' }, sub: 'value' });
    expect(parsePatchPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber')).toMatchObject({
      uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      attr: 'employeeNumber',
    });
    expect(scimErrorOf(() => parsePatchPath('emails[type eq "work"'))).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });

  it('evaluates a value filter on one value, without case', () => {
    const work = { value: 'Ana@Example.com', type: 'work', primary: true };
    expect(matches(parseFilter('type eq "WORK"'), work)).toBe(true);
    expect(matches(parseFilter('type eq "home" or value ew "example.com"'), work)).toBe(true);
    expect(matches(parseFilter('not (primary eq true)'), work)).toBe(false);
    expect(matches(parseFilter('display pr'), work)).toBe(false);
  });
});

describe('SCIM filter → MongoDB', () => {
  const query = (filter: string) => filterToQuery(parseFilter(filter));

  it('finds userName in the SCIM profile, or as the login e-mail of users no SCIM client wrote, by equality', () => {
    expect(query('userName eq "Ana@Example.com"')).toEqual({
      $or: [{ $and: [{ scim: { $ne: null } }, { 'scim.userNameKey': 'ana@example.com' }] }, { $and: [{ scim: null }, { email: 'ana@example.com' }] }],
    });
  });

  it('compares text without case through anchored, escaped regexes; externalId exactly', () => {
    expect(query('name.familyName sw "O\'Brien (jr."')).toEqual({
      $and: [{ scim: { $ne: null } }, { 'scim.familyName': { $regex: "^O'Brien \\(jr\\.", $options: 'i' } }],
    });
    expect(query('emails.value co "@EXAMPLE.com"')).toEqual({ email: { $regex: '@example\\.com', $options: '' } });
    expect(query('emails[type eq "work"].value eq "a@b.c"')).toMatchObject({ $and: [{ $or: expect.any(Array) }, { email: 'a@b.c' }] });
    expect(query('externalId eq "Erp-17"')).toEqual({ externalId: 'Erp-17' });
    expect(query('externalId ne "x"')).toEqual({ $nor: [{ externalId: 'x' }] });
  });

  it('maps active to the lifecycle status, pr and not, and meta dates', () => {
    expect(query('active eq false')).toEqual({ status: 'inactive' });
    expect(query('active eq true')).toEqual({ status: { $ne: 'inactive' } });
    expect(query('not (active ne true)')).toEqual({ $nor: [{ status: 'inactive' }] });
    expect(query('externalId pr')).toEqual({ externalId: { $nin: [null, ''] } });
    expect(query('meta.lastModified ge "2024-01-01T00:00:00Z"')).toEqual({ updatedAt: { $gte: new Date('2024-01-01T00:00:00Z') } });
  });

  it.each([
    ['title eq "x"', 'unknown attribute'],
    ['nickName pr', 'unknown attribute'],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "1"', 'cannot be filtered'],
    ['active eq "yes"', 'true or false'],
    ['active sw true', 'true or false'],
    ['userName eq 42', 'quoted string'],
    ['name eq "x"', 'name is complex'],
    ['emails[display eq "x"]', 'no sub-attribute'],
    ['meta.created gt "yesterday"', 'date-time'],
  ])('refuses %j: 400 invalidFilter', (filter, detail) => {
    const error = scimErrorOf(() => query(filter));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    expect(error.detail).toContain(detail);
  });
});
