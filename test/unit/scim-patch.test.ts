import { describe, expect, it } from 'vitest';
import { scimErrorOf } from '../harness/scim-error.js';
import { applyPatch, parsePatchRequest } from '../../api/scim/patch.js';
import { loginEmailOf, parseScimUser } from '../../api/scim/user-mapping.js';
import { entraDisable, entraDisableLegacy, entraReplaceEmailAndFamilyName, oktaDeactivate } from '../fixtures/scim-requests.js';

/** A user as a SCIM client reads it (user-mapping.ts scimUserOf). */
const ana = () => ({
  userName: 'ana.souza@contoso.onmicrosoft.com',
  name: { formatted: 'Ana Souza', givenName: 'Ana', familyName: 'Souza' },
  displayName: 'Ana',
  emails: [{ value: 'ana@contoso.com', type: 'work', primary: true }],
  active: true,
  externalId: 'e-17',
  preferredLanguage: 'pt-BR',
});

const patch = (body: unknown) => parseScimUser(applyPatch(ana(), parsePatchRequest(body)));
const ops = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe('SCIM PATCH as Okta and Entra send it', () => {
  it("Okta's deactivation: replace without a path, an object of attributes", () => {
    expect(patch(oktaDeactivate)).toMatchObject({ active: false, userName: 'ana.souza@contoso.onmicrosoft.com' });
  });

  it("Entra's deactivation, with the boolean and with the legacy string", () => {
    expect(patch(entraDisable).active).toBe(false);
    expect(patch(entraDisableLegacy).active).toBe(false);
    expect(patch(ops({ op: 'replace', path: 'active', value: 'True' })).active).toBe(true);
  });

  it("Entra's e-mail and family name change: a value filter with a sub-attribute, and name.familyName", () => {
    const patched = patch(entraReplaceEmailAndFamilyName('ana.souza@contoso.com'));
    expect(patched.emails).toEqual([{ value: 'ana.souza@contoso.com', type: 'work', primary: true }]);
    expect(loginEmailOf(patched)).toBe('ana.souza@contoso.com');
    expect(patched.name).toEqual({ formatted: 'Ana Souza', givenName: 'Ana', familyName: 'updatedFamilyName' });
  });

  it('Entra adding the work e-mail of a user without one creates it; dotted keys and the core URN without a path', () => {
    const user = { ...ana(), emails: [{ value: 'ana@home.example', type: 'home', primary: false }] };
    const added = parseScimUser(applyPatch(user, parsePatchRequest(ops({ op: 'Add', path: 'emails[type eq "work"].value', value: 'ana@contoso.com' }))));
    expect(added.emails).toContainEqual({ value: 'ana@contoso.com', type: 'work', primary: undefined });
    expect(loginEmailOf(added)).toBe('ana@contoso.com');
    const noPath = patch(
      ops({ op: 'Add', value: { 'name.givenName': 'Anna', 'urn:ietf:params:scim:schemas:core:2.0:User:displayName': 'Anna S.', title: 'Accountant' } }),
    );
    expect(noPath).toMatchObject({ name: { givenName: 'Anna', familyName: 'Souza' }, displayName: 'Anna S.' });
  });
});

describe('SCIM PATCH semantics (RFC 7644 §3.5.2)', () => {
  it('add to a complex attribute merges; replace on it too (sub-attributes not named stay); remove clears', () => {
    expect(patch(ops({ op: 'add', path: 'name', value: { givenName: 'Ana Maria' } })).name).toEqual({
      formatted: 'Ana Souza',
      givenName: 'Ana Maria',
      familyName: 'Souza',
    });
    expect(patch(ops({ op: 'replace', path: 'name', value: { formatted: 'A. Souza' } })).name).toMatchObject({ formatted: 'A. Souza', givenName: 'Ana' });
    expect(patch(ops({ op: 'remove', path: 'name' })).name).toBeUndefined();
    expect(patch(ops({ op: 'remove', path: 'name.givenName' })).name).toEqual({ formatted: 'Ana Souza', givenName: undefined, familyName: 'Souza' });
    const removed = patch(ops({ op: 'remove', path: 'displayName' }, { op: 'remove', path: 'externalId' }));
    expect([removed.displayName, removed.externalId, removed.userName]).toEqual([undefined, undefined, 'ana.souza@contoso.onmicrosoft.com']);
  });

  it('adding a primary e-mail makes it the login; replacing emails replaces the list', () => {
    const added = patch(ops({ op: 'add', path: 'emails', value: [{ value: 'new@contoso.com', type: 'work', primary: true }] }));
    expect(added.emails.map((email) => [email.value, email.primary])).toEqual([
      ['ana@contoso.com', false],
      ['new@contoso.com', true],
    ]);
    expect(loginEmailOf(added)).toBe('new@contoso.com');
    expect(patch(ops({ op: 'replace', path: 'emails', value: [{ value: 'other@contoso.com' }] })).emails).toEqual([
      { value: 'other@contoso.com', type: undefined, primary: undefined },
    ]);
  });

  it('ignores attributes of the core schema nothing here keeps, and the enterprise extension', () => {
    expect(
      patch(
        ops(
          { op: 'replace', path: 'title', value: 'Boss' },
          { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+55 11 5555-0000' },
          { op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Tax' },
        ),
      ),
    ).toEqual(parseScimUser(ana()));
  });

  it.each([
    ['an unknown attribute', ops({ op: 'replace', path: 'favouriteColour', value: 'blue' }), 400, 'invalidPath'],
    ['an unknown sub-attribute', ops({ op: 'replace', path: 'name.nickname', value: 'x' }), 400, 'invalidPath'],
    ['a filter on a single-valued attribute', ops({ op: 'replace', path: 'userName[value eq "x"]', value: 'x' }), 400, 'invalidPath'],
    ['an unknown schema', ops({ op: 'replace', path: 'urn:example:Thing:x', value: 'x' }), 400, 'invalidPath'],
    ['a read-only attribute', ops({ op: 'replace', path: 'id', value: 'x' }), 400, 'mutability'],
    ['remove without a path', ops({ op: 'remove' }), 400, 'noTarget'],
    ['replace of an e-mail no filter matches', ops({ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@y.z' }), 400, 'noTarget'],
    ['removing userName', ops({ op: 'remove', path: 'userName' }), 400, 'invalidValue'],
    ['removing active', ops({ op: 'remove', path: 'active' }), 400, 'invalidValue'],
    ['removing the login e-mail', ops({ op: 'remove', path: 'emails[type eq "work"]' }), 400, 'invalidValue'],
    ['an unknown op', ops({ op: 'move', path: 'active', value: false }), 400, 'invalidSyntax'],
    ['no Operations', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, 400, 'invalidSyntax'],
    ['add without a value', ops({ op: 'add', path: 'displayName' }), 400, 'invalidValue'],
    ['active that is not a boolean', ops({ op: 'replace', path: 'active', value: 'maybe' }), 400, 'invalidValue'],
    ['a name that is not an object', ops({ op: 'replace', path: 'name', value: 'Ana' }), 400, 'invalidValue'],
    ['a userName that is not a string', ops({ op: 'replace', value: { userName: 42 } }), 400, 'invalidValue'],
  ])('refuses %s', (_case, body, status, scimType) => {
    expect(scimErrorOf(() => patch(body))).toMatchObject({ status, scimType });
  });

  it('changes nothing of its input, even when a later operation fails', () => {
    const user = ana();
    const before = structuredClone(user);
    expect(
      scimErrorOf(() =>
        applyPatch(user, parsePatchRequest(ops({ op: 'replace', path: 'displayName', value: 'X' }, { op: 'replace', path: 'nope', value: 1 }))),
      ),
    ).toMatchObject({ scimType: 'invalidPath' });
    expect(user).toEqual(before);
  });
});
