import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { attributeList, projectAttributes } from '../../api/scim/attributes.js';
import { scimErrorOf as invalidValueOf } from '../harness/scim-error.js';
import {
  localeOf,
  loginEmailOf,
  nameOf,
  parseScimUser,
  replaceScimUser,
  scimProfileOf,
  scimUserOf,
  toScimResource,
  type UserRecord,
} from '../../api/scim/user-mapping.js';
import { entraCreateUser, oktaCreateUser, oktaReplaceUser } from '../fixtures/scim-requests.js';

/** A user as MongoDB holds it, with only the fields the mapping reads. */
const record = (fields: Partial<UserRecord> = {}) =>
  ({
    _id: new Types.ObjectId('0123456789abcdef01234567'),
    name: 'Ana Souza',
    email: 'ana@example.com',
    locale: 'pt-BR',
    externalId: null,
    status: 'invited',
    scim: null,
    createdAt: new Date('2025-01-02T03:04:05Z'),
    updatedAt: new Date('2025-01-03T03:04:05Z'),
    ...fields,
  }) as unknown as UserRecord;

describe('SCIM User → our user', () => {
  it("maps Okta's create: login e-mail, name from given + family, locale from en-US; the password is dropped", () => {
    const user = parseScimUser(oktaCreateUser('Test.User@Okta.local'));
    const email = loginEmailOf(user);
    expect(email).toBe('test.user@okta.local');
    expect(nameOf(user, email)).toBe('Test User');
    expect(localeOf(user)).toBe('en');
    expect(user).toMatchObject({ externalId: '00ujl29u0le5T6Aj10h7', active: true, displayName: 'Test User', locale: 'en-US' });
    expect(JSON.stringify(user)).not.toContain('1mz050nq');
  });

  it("maps Entra's create: a userName that is no mailbox, the work e-mail as login, the formatted name", () => {
    const user = parseScimUser(entraCreateUser('Test_User_ab6490ee', 'Test_User_fd0ea19b@testuser.com'));
    expect(loginEmailOf(user)).toBe('test_user_fd0ea19b@testuser.com');
    expect(nameOf(user, 'x@y.z')).toBe('givenName familyName');
    expect(scimProfileOf(user)).toEqual({
      userName: 'Test_User_ab6490ee',
      userNameKey: 'test_user_ab6490ee',
      givenName: 'givenName',
      familyName: 'familyName',
      formattedName: 'givenName familyName',
      displayName: null,
      emailType: 'work',
      emailPrimary: true,
      preferredLanguage: null,
      locale: null,
    });
  });

  it('picks the login e-mail: primary, else work, else first, else an e-mail userName', () => {
    const pick = (body: object) => loginEmailOf(parseScimUser({ userName: 'u', ...body }));
    expect(
      pick({
        emails: [
          { value: 'home@x.example', type: 'home' },
          { value: 'work@x.example', type: 'work' },
        ],
      }),
    ).toBe('work@x.example');
    expect(
      pick({
        emails: [
          { value: 'work@x.example', type: 'work' },
          { value: 'main@x.example', primary: true },
        ],
      }),
    ).toBe('main@x.example');
    expect(pick({ emails: [{ value: 'a@x.example' }, { value: 'b@x.example' }] })).toBe('a@x.example');
    expect(loginEmailOf(parseScimUser({ userName: 'Bruno@X.example' }))).toBe('bruno@x.example');
    expect(invalidValueOf(() => loginEmailOf(parseScimUser({ userName: 'bruno' })))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(invalidValueOf(() => loginEmailOf(parseScimUser({ userName: 'b', emails: [{ value: 'not-an-address' }] })))).toMatchObject({
      scimType: 'invalidValue',
    });
  });

  it('names the user from formatted, else given + family, else displayName, else the e-mail', () => {
    const name = (body: object) => nameOf(parseScimUser({ userName: 'u', ...body }), 'carla.m@x.example');
    expect(name({ name: { givenName: 'Carla' }, displayName: 'C. M.' })).toBe('Carla');
    expect(name({ displayName: 'C. M.' })).toBe('C. M.');
    expect(name({})).toBe('carla.m');
  });

  it('reads attribute names in any case, treats null and "" as unassigned, and refuses wrong types naming them', () => {
    expect(parseScimUser({ USERNAME: 'u', Name: { GivenName: 'Ana' }, displayName: '', externalId: null })).toMatchObject({
      userName: 'u',
      name: { givenName: 'Ana' },
    });
    expect(parseScimUser({ userName: 'u', displayName: '' }).displayName).toBeUndefined();
    expect(invalidValueOf(() => parseScimUser({ userName: 'u', active: 'yes' })).detail).toContain('active');
    expect(invalidValueOf(() => parseScimUser({ userName: 'u', emails: 'a@b.c' })).detail).toContain('emails');
    expect(invalidValueOf(() => parseScimUser({ userName: '' })).detail).toContain('userName');
    expect(invalidValueOf(() => parseScimUser([]))).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('a PUT keeps what it leaves out (Okta sends no externalId) and clears what it sends as null', () => {
    const current = parseScimUser(oktaCreateUser('test.user@okta.local'));
    const replaced = replaceScimUser(current, oktaReplaceUser('id', 'test.user@okta.local'));
    expect(replaced).toMatchObject({ externalId: '00ujl29u0le5T6Aj10h7', name: { givenName: 'Another' }, displayName: 'Another User' });
    expect(replaceScimUser(current, { userName: 'test.user@okta.local', displayName: null }).displayName).toBeUndefined();
  });
});

describe('our user → SCIM User', () => {
  it('answers a user no SCIM client wrote with its own fields: userName is the login e-mail', () => {
    expect(toScimResource(record(), 'https://app.example/scim/v2')).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: '0123456789abcdef01234567',
      userName: 'ana@example.com',
      name: { formatted: 'Ana Souza' },
      displayName: 'Ana Souza',
      emails: [{ value: 'ana@example.com', type: 'work', primary: true }],
      active: true,
      preferredLanguage: 'pt-BR',
      meta: {
        resourceType: 'User',
        created: '2025-01-02T03:04:05.000Z',
        lastModified: '2025-01-03T03:04:05.000Z',
        location: 'https://app.example/scim/v2/Users/0123456789abcdef01234567',
      },
    });
  });

  it('answers what the identity provider sent, as sent; active is "not deactivated"', () => {
    const profile = scimProfileOf(parseScimUser(entraCreateUser('Test_User_ab6490ee', 'x@y.z')));
    const user = scimUserOf(record({ scim: profile, status: 'inactive', externalId: 'e-1', email: 'x@y.z' } as Partial<UserRecord>));
    expect(user).toMatchObject({
      userName: 'Test_User_ab6490ee',
      name: { formatted: 'givenName familyName', givenName: 'givenName', familyName: 'familyName' },
      active: false,
      externalId: 'e-1',
    });
    expect(user.displayName).toBeUndefined();
    expect(user.emails).toEqual([{ value: 'x@y.z', type: 'work', primary: true }]);
  });

  it('honours attributes and excludedAttributes, id and schemas always', () => {
    const resource = toScimResource(record(), 'https://app.example/scim/v2');
    expect(projectAttributes(resource, attributeList('userName,name.givenName,emails.value'), null)).toEqual({
      schemas: resource.schemas,
      id: resource.id,
      userName: 'ana@example.com',
      name: {},
      emails: [{ value: 'ana@example.com' }],
    });
    expect(Object.keys(projectAttributes(resource, attributeList('urn:ietf:params:scim:schemas:core:2.0:User:displayName'), null))).toEqual([
      'id',
      'schemas',
      'displayName',
    ]);
    const without = projectAttributes(resource, null, attributeList(['meta', 'emails.type', 'id']));
    expect(without).not.toHaveProperty('meta');
    expect(without).toHaveProperty('id');
    expect(without.emails).toEqual([{ value: 'ana@example.com', primary: true }]);
  });
});
