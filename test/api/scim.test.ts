import { randomUUID } from 'node:crypto';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScimToken } from '../../use-cases/scim-tokens/create-scim-token.js';
import { revokeScimToken } from '../../use-cases/scim-tokens/revoke-scim-token.js';
import { AuditEventModel, CredentialModel, InvitationModel, ScimTokenModel, UserModel } from '../../data/models/index.js';
import { apiClient, type ApiClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import {
  entraCreateUser,
  entraDisable,
  entraDisableLegacy,
  entraReplaceEmailAndFamilyName,
  entraUserNameQuery,
  oktaCreateUser,
  oktaDeactivate,
  oktaReplaceUser,
  oktaUserNameQuery,
} from '../fixtures/scim-requests.js';

// Reminders far away: every e-mail counted here is an invitation.
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' });
const env = useTestApi(config);
useTestWorker(config);
let tenantId: string;
let scim: ApiClient;
let token: string;

const SCIM_JSON = { 'content-type': 'application/scim+json' };
const scimClient = (bearer: string) => {
  const client = apiClient(`${env.url}/scim/v2`, { headers: { authorization: `Bearer ${bearer}` } });
  // Identity providers send application/scim+json.
  return {
    ...client,
    post: (path: string, body: unknown) => client.call('POST', path, { body, headers: SCIM_JSON }),
    patch: (path: string, body: unknown) => client.call('PATCH', path, { body, headers: SCIM_JSON }),
  };
};

beforeAll(async () => {
  tenantId = (await apiTenant(env.integration, '/api/v1/tenants')).id;
  token = (await createScimToken(PLATFORM_SCOPE, tenantId, 'okta')).token;
  scim = scimClient(token);
});

const expectScimError = (answer: { status: number; headers: Headers; body: Record<string, unknown> }, status: number, scimType?: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: expect.any(String) });
  if (scimType) expect(answer.body.scimType).toBe(scimType);
};

/** A created user's invitation: exactly one, whose link works. */
async function invitationOf(email: string) {
  const [invitation] = await waitForMessages(email, 1);
  const { token: link } = registrationLink(invitation!);
  expect((await env.anonymous.get(`/api/public/invitations/${link}`)).status).toBe(200);
  return link;
}

const invited = (id: string) => eventually(async () => expect((await UserModel.findById(id).lean())?.status).toBe('invited'));

describe('SCIM authentication and discovery', () => {
  it('answers 401 in the SCIM error shape without a token, with a wrong, an API key or a revoked one', async () => {
    const revoked = await createScimToken(PLATFORM_SCOPE, tenantId, 'to revoke');
    expect(await revokeScimToken(revoked.prefix)).toBe(1);
    for (const bearer of [null, 'scim_nope', env.apiKey, revoked.token]) {
      const client = bearer ? scimClient(bearer) : apiClient(`${env.url}/scim/v2`);
      const answer = await client.get('/Users');
      expectScimError(answer, 401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    // Refused before its body is read: no user is created.
    const before = await UserModel.countDocuments({});
    expectScimError(await scimClient(revoked.token).post('/Users', oktaCreateUser(freshEmail('refused'))), 401);
    expect(await UserModel.countDocuments({})).toBe(before);
  });

  it('stores only the SHA-256 of a token, and records when it was last used', async () => {
    const stored = await ScimTokenModel.findOne({ prefix: token.slice(0, 12) }).lean();
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    await scim.get('/ServiceProviderConfig');
    expect((await ScimTokenModel.findById(stored!._id).lean())?.lastUsedAt).not.toBeNull();
  });

  it('says honestly what it supports, and that there are Users and no Groups', async () => {
    const config = await scim.get('/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = await scim.get('/ResourceTypes');
    expect(types.body.Resources.map((type: { name: string }) => type.name)).toEqual(['User']);
    expectScimError(await scim.get('/ResourceTypes/Group'), 404);
    expectScimError(await scim.get('/Groups'), 404);
    const schemas = await scim.get('/Schemas');
    expect(schemas.body.Resources.map((schema: { name: string }) => schema.name)).toEqual(['User', 'ServiceProviderConfig', 'ResourceType', 'Schema']);
    expect(
      (await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body.attributes.map((attribute: { name: string }) => attribute.name),
    ).toContain('userName');
    expectScimError(await scim.call('POST', '/ServiceProviderConfig'), 405);
  });
});

describe('Okta', () => {
  it('creates with its documented body: one user, one invitation; the same user again is 409 uniqueness', async () => {
    const email = freshEmail('okta');
    const externalId = `00u${randomUUID().slice(0, 12)}`;
    expect((await scim.get(oktaUserNameQuery(email))).body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.post('/Users', oktaCreateUser(email, externalId));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(created.headers.get('location')).toBe(`http://app.test/scim/v2/Users/${created.body.id}`);
    expect(created.body).toMatchObject({
      userName: email,
      name: { givenName: 'Test', familyName: 'User' },
      displayName: 'Test User',
      active: true,
      externalId,
      locale: 'en-US',
      emails: [{ value: email, primary: true, type: 'work' }],
      meta: { resourceType: 'User' },
    });
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    const user = await UserModel.findById(created.body.id).lean();
    expect(user).toMatchObject({ name: 'Test User', email, locale: 'en', externalId, role: 'member' });
    expect(await CredentialModel.exists({ _id: user!._id })).toBeNull();

    await invitationOf(email);
    await invited(created.body.id);
    // Okta retries a create it saw fail; the same userName, or only the same externalId, is the same user.
    expectScimError(await scim.post('/Users', oktaCreateUser(email, externalId)), 409, 'uniqueness');
    expectScimError(await scim.post('/Users', oktaCreateUser(freshEmail('other'), externalId)), 409, 'uniqueness');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await messagesTo(email)).toHaveLength(1);
    expect(await UserModel.countDocuments({ tenantId: user!.tenantId, email })).toBe(1);

    const found = await scim.get(oktaUserNameQuery(email.toUpperCase()));
    expect(found.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ id: created.body.id }],
    });
    const audit = await AuditEventModel.findOne({ entityId: created.body.id, action: 'user.created' }).lean();
    expect(audit?.actor).toMatchObject({ type: 'integration', label: 'SCIM okta' });
  });

  it('deactivates with its PATCH: the status is inactive and the registration link is dead', async () => {
    const email = freshEmail('okta-off');
    const created = await scim.post('/Users', oktaCreateUser(email, `00u${randomUUID().slice(0, 12)}`));
    const link = await invitationOf(email);
    await invited(created.body.id);

    const patched = await scim.patch(`/Users/${created.body.id}`, oktaDeactivate);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.active).toBe(false);
    expect((await UserModel.findById(created.body.id).lean())?.status).toBe('inactive');
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${link}`)).status).toBe(410));
    expect((await scim.get(`/Users/${created.body.id}`)).body.active).toBe(false);
    expect((await env.admin.get(`/api/admin/users/${created.body.id}`)).body.status).toBe('inactive');
    // What an operator finds in the Temporal UI: the lifecycle by its ActivationStatus search attribute.
    await eventually(async () => {
      const found: string[] = [];
      for await (const run of env.api.temporal.workflow.list({ query: `UserId = "${created.body.id}" AND ActivationStatus = "inactive"` }))
        found.push(run.workflowId);
      expect(found).toEqual([`user-activation-${created.body.id}`]);
    });
    expect(await AuditEventModel.exists({ entityId: created.body.id, action: 'user.deactivate', 'actor.label': 'SCIM okta' })).not.toBeNull();
  });

  it('changes the e-mail with its PUT: a new invitation to the new address, the old link dead; externalId stays', async () => {
    const email = freshEmail('okta-put');
    const externalId = `00u${randomUUID().slice(0, 12)}`;
    const created = await scim.post('/Users', oktaCreateUser(email, externalId));
    const oldLink = await invitationOf(email);
    await invited(created.body.id);

    const newEmail = freshEmail('okta-new');
    const replaced = await scim.put(`/Users/${created.body.id}`, oktaReplaceUser(created.body.id, newEmail));
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ userName: newEmail, emails: [{ value: newEmail }], name: { givenName: 'Another' }, externalId, active: true });
    expect(await UserModel.findById(created.body.id).lean()).toMatchObject({ email: newEmail, name: 'Another User' });
    const [invitation] = await waitForMessages(newEmail, 1);
    expect(registrationLink(invitation!).token).not.toBe(oldLink);
    await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${oldLink}`)).status).toBe(410));
  });
});

describe('Microsoft Entra ID', () => {
  it('creates with its documented body: the userPrincipalName is kept, the work e-mail gets the one invitation', async () => {
    const upn = `Test_User_${randomUUID()}`;
    const email = freshEmail('entra');
    const created = await scim.post('/Users', entraCreateUser(upn, email, randomUUID()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ userName: upn, emails: [{ value: email, type: 'work', primary: true }], name: { formatted: 'givenName familyName' } });
    await invitationOf(email);
    expect((await scim.get(entraUserNameQuery(upn))).body).toMatchObject({ totalResults: 1, Resources: [{ id: created.body.id, userName: upn }] });
    expect((await scim.get(entraUserNameQuery('non-existent user'))).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect(await messagesTo(email)).toHaveLength(1);
  });

  it('replaces emails[type eq "work"].value and name.familyName: a new invitation, the old link dead', async () => {
    const email = freshEmail('entra-mail');
    const created = await scim.post('/Users', entraCreateUser(`Test_User_${randomUUID()}`, email, randomUUID()));
    const oldLink = await invitationOf(email);
    await invited(created.body.id);

    const newEmail = freshEmail('entra-new');
    const patched = await scim.patch(`/Users/${created.body.id}`, entraReplaceEmailAndFamilyName(newEmail));
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ emails: [{ value: newEmail, type: 'work' }], name: { familyName: 'updatedFamilyName', givenName: 'givenName' } });
    expect((await UserModel.findById(created.body.id).lean())?.email).toBe(newEmail);
    const [invitation] = await waitForMessages(newEmail, 1);
    expect(registrationLink(invitation!).token).not.toBe(oldLink);
    await eventually(async () => {
      const old = await env.anonymous.get(`/api/public/invitations/${oldLink}`);
      expect(old.status).toBe(410);
      expect(old.body.error.code).toBe('INVITATION_SUPERSEDED');
    });
    expect(await AuditEventModel.exists({ entityId: created.body.id, action: 'user.emailChanged', 'actor.type': 'integration' })).not.toBeNull();
  });

  it('disables with "active": false, and with the legacy "False"; true reactivates', async () => {
    for (const disable of [entraDisable, entraDisableLegacy]) {
      const email = freshEmail('entra-off');
      const created = await scim.post('/Users', entraCreateUser(`Test_User_${randomUUID()}`, email, randomUUID()));
      const link = await invitationOf(email);
      await invited(created.body.id);
      const patched = await scim.patch(`/Users/${created.body.id}`, disable);
      expect(patched.body.active).toBe(false);
      expect((await UserModel.findById(created.body.id).lean())?.status).toBe('inactive');
      await eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${link}`)).status).toBe(410));
      if (disable === entraDisableLegacy) {
        const again = await scim.patch(`/Users/${created.body.id}`, { Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
        expect(again.body.active).toBe(true);
        expect((await UserModel.findById(created.body.id).lean())?.status).not.toBe('inactive');
      }
    }
  });
});

describe('SCIM users', () => {
  let people: { id: string; userName: string; email: string; externalId: string }[];
  // A tenant of their own, so lists and totals count only these users.
  let hrTenantId: string;
  let hr: ReturnType<typeof scimClient>;

  beforeAll(async () => {
    hrTenantId = (await apiTenant(env.integration, '/api/v1/tenants')).id;
    hr = scimClient((await createScimToken(PLATFORM_SCOPE, hrTenantId, 'hr')).token);
    // Provisioned inactive: no lifecycle, no e-mail, so these list tests cost the worker nothing.
    people = [];
    for (const [index, [given, family]] of [
      ['Ana', 'Souza'],
      ['Bruno', 'Silva'],
      ['Carla', 'Souto'],
      ['Davi', 'Lima'],
      ['Eva', 'Souza'],
    ].entries()) {
      const userName = `${given!.toLowerCase()}.${randomUUID().slice(0, 6)}@corp.example`;
      const email = freshEmail(given!.toLowerCase());
      const externalId = `hr-${index}-${randomUUID().slice(0, 6)}`;
      const created = await hr.post('/Users', {
        userName,
        name: { givenName: given, familyName: family },
        emails: [{ value: email, type: 'work', primary: true }],
        externalId,
        active: index % 2 === 0,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      people.push({ id: created.body.id, userName, email, externalId });
    }
  });

  const ids = async (filter: string, query = '') => {
    const answer = await hr.get(`/Users?filter=${encodeURIComponent(filter)}${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.Resources as { id: string }[]).map((resource) => resource.id);
  };

  it('orders strings lexicographically with gt, ge, lt, le (without case where the attribute has none)', async () => {
    const [ana, bruno, carla, davi, eva] = people.map((person) => person.id);
    // userNames start with the given name: ana. < bruno. < carla. < davi. < eva.
    expect(await ids('userName ge "C"')).toEqual([carla, davi, eva]);
    expect(await ids('userName gt "carla.zzzzzz"')).toEqual([davi, eva]);
    expect(await ids('userName lt "bruno"')).toEqual([ana]);
    expect(await ids('userName le "BRUNO.ZZZ"')).toEqual([ana, bruno]);
    expect(await ids('name.familyName ge "souza"')).toEqual([ana, eva]);
    expect(await ids('emails.type le "work"')).toEqual([ana, bruno, carla, davi, eva]);
    expect(await ids('emails.type gt "work"')).toEqual([]);
  });

  it('answers every operator on every filterable attribute with results or 400 invalidFilter, never a 500', async () => {
    const attributes = ['id', 'externalId', 'userName', 'displayName', 'name.formatted', 'name.givenName', 'name.familyName', 'preferredLanguage', 'locale'];
    attributes.push('emails.value', 'emails.type', 'emails.primary', 'active', 'meta.created', 'meta.lastModified');
    const values = ['"a"', '"2026-01-01T00:00:00Z"', 'true', '7', 'null'];
    let answered = 0;
    for (const attribute of attributes) {
      for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
        for (const value of values) {
          const answer = await hr.get(`/Users?filter=${encodeURIComponent(`${attribute} ${op} ${value}`)}`);
          if (answer.status !== 200) expectScimError(answer, 400, 'invalidFilter');
          answered++;
        }
      }
      const present = await hr.get(`/Users?filter=${encodeURIComponent(`${attribute} pr`)}`);
      expect(present.status, `${attribute} pr`).toBe(200);
    }
    expect(answered).toBe(attributes.length * 9 * values.length);
  });

  it('filters with eq, sw, co, pr, and, or, not, parentheses and value filters', async () => {
    const [ana, bruno, carla, davi, eva] = people.map((person) => person.id);
    expect(await ids(`userName eq "${people[0]!.userName.toUpperCase()}"`)).toEqual([ana]);
    expect(await ids(`emails.value eq "${people[1]!.email}"`)).toEqual([bruno]);
    expect(await ids(`emails[type eq "work"].value eq "${people[2]!.email}"`)).toEqual([carla]);
    expect(await ids(`emails[type eq "work" and value co "${people[3]!.email.split('@')[0]}"]`)).toEqual([davi]);
    expect(await ids(`externalId eq "${people[4]!.externalId}"`)).toEqual([eva]);
    expect(await ids('name.familyName eq "souza"')).toEqual([ana, eva]);
    expect(await ids('name.familyName sw "Sou"')).toEqual([ana, carla, eva]);
    expect(await ids('name.givenName co "RUN"')).toEqual([bruno]);
    expect(await ids('name.familyName sw "Sou" and not (name.givenName eq "Ana")')).toEqual([carla, eva]);
    expect(await ids('(name.givenName eq "Ana" or name.givenName eq "Davi") and externalId pr')).toEqual([ana, davi]);
    expect(await ids('active eq true and name.familyName pr')).toEqual([ana, carla, eva]);
    expect(await ids('active eq false and name.familyName pr')).toEqual([bruno, davi]);
  });

  it('pages from startIndex (1-based) by count, with totalResults', async () => {
    const filter = encodeURIComponent('name.familyName pr');
    const page = await hr.get(`/Users?filter=${filter}&startIndex=2&count=2`);
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((resource: { id: string }) => resource.id)).toEqual([people[1]!.id, people[2]!.id]);
    expect((await hr.get(`/Users?filter=${filter}&startIndex=5&count=10`)).body).toMatchObject({ totalResults: 5, itemsPerPage: 1 });
    expect((await hr.get(`/Users?filter=${filter}&count=0`)).body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect((await hr.get(`/Users?filter=${filter}&startIndex=0&count=1`)).body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    const searched = await hr.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'name.familyName pr',
      startIndex: 3,
      count: 1,
      attributes: ['userName'],
    });
    expect(searched.body).toMatchObject({ totalResults: 5, Resources: [{ id: people[2]!.id, userName: people[2]!.userName }] });
    expect(Object.keys(searched.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('lists users created elsewhere, by their e-mail as userName (how Okta and Entra match existing users)', async () => {
    const email = freshEmail('console');
    const created = await env.admin.post('/api/admin/users', { tenantId: hrTenantId, name: 'Console Person', email, sendInvitation: false });
    expect(created.status).toBe(201);
    const found = await hr.get(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(found.body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: created.body.id, userName: email, name: { formatted: 'Console Person' }, active: true }],
    });
    expectScimError(await hr.post('/Users', { userName: email, emails: [{ value: email }] }), 409, 'uniqueness');
  });

  it("never shows nor changes another tenant's users", async () => {
    const other = scimClient((await createScimToken(PLATFORM_SCOPE, (await apiTenant(env.integration, '/api/v1/tenants')).id, 'other')).token);
    const target = people[0]!;
    const before = await UserModel.findById(target.id).lean();
    expectScimError(await other.get(`/Users/${target.id}`), 404);
    expectScimError(await other.patch(`/Users/${target.id}`, oktaDeactivate), 404);
    expectScimError(await other.put(`/Users/${target.id}`, { userName: 'x@y.example' }), 404);
    expectScimError(await other.call('DELETE', `/Users/${target.id}`), 404);
    expect((await other.get('/Users')).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await other.get(`/Users?filter=${encodeURIComponent(`userName eq "${target.userName}"`)}`)).body.totalResults).toBe(0);
    expect(await UserModel.findById(target.id).lean()).toEqual(before);
    // Another office's login e-mail is taken (logins are unique), but the answer does not name it.
    const taken = await other.post('/Users', { userName: 'someone@other.example', emails: [{ value: target.email, primary: true }] });
    expectScimError(taken, 409, 'uniqueness');
    expect(JSON.stringify(taken.body)).not.toContain(target.email);
  });

  it('refuses bad input with the SCIM error and changes nothing', async () => {
    const target = people[2]!;
    const before = await UserModel.findById(target.id).lean();
    const count = await UserModel.countDocuments({});
    const filter = (text: string) => hr.get(`/Users?filter=${encodeURIComponent(text)}`);
    expectScimError(await filter('userName eq'), 400, 'invalidFilter');
    expectScimError(await filter('userName eq "a" and (active eq true'), 400, 'invalidFilter');
    expectScimError(await filter('favouriteColour eq "blue"'), 400, 'invalidFilter');
    expectScimError(await filter('active eq "yes"'), 400, 'invalidFilter');
    expectScimError(await hr.get('/Users?startIndex=two'), 400, 'invalidValue');

    const patch = (...Operations: unknown[]) => hr.patch(`/Users/${target.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
    expectScimError(await patch({ op: 'replace', path: 'favouriteColour', value: 'blue' }), 400, 'invalidPath');
    expectScimError(
      await patch({ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'replace', path: 'active', value: 'maybe' }),
      400,
      'invalidValue',
    );
    expectScimError(await patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'not an address' }), 400, 'invalidValue');
    expectScimError(await patch({ op: 'replace', path: 'name', value: 'Carla' }), 400, 'invalidValue');
    expectScimError(await patch({ op: 'remove', path: 'userName' }), 400, 'invalidValue');
    expectScimError(await patch({ op: 'replace', path: 'id', value: '0123456789abcdef01234567' }), 400, 'mutability');
    expectScimError(await patch({ op: 'replace', path: 'userName', value: people[0]!.userName }), 409, 'uniqueness');
    expectScimError(await patch({ op: 'replace', path: 'emails[type eq "work"].value', value: people[1]!.email }), 409, 'uniqueness');
    expectScimError(await hr.call('PATCH', `/Users/${target.id}`, { rawBody: '{"Operations": [', headers: SCIM_JSON }), 400, 'invalidSyntax');
    expectScimError(await hr.patch(`/Users/${target.id}`, { op: 'replace' }), 400, 'invalidSyntax');
    expectScimError(await hr.put(`/Users/${target.id}`, { userName: target.userName, active: 'sometimes' }), 400, 'invalidValue');
    expect(await UserModel.findById(target.id).lean()).toEqual(before);

    expectScimError(await hr.post('/Users', { userName: 'no-mailbox', active: true }), 400, 'invalidValue');
    expectScimError(await hr.post('/Users', { userName: 'x', emails: [{ value: 'nope', type: 'work' }] }), 400, 'invalidValue');
    expectScimError(await hr.post('/Users', { userName: 42 }), 400, 'invalidValue');
    expectScimError(await hr.post('/Users', { userName: 'a@b.example', name: { formatted: 'x'.repeat(201) } }), 400, 'invalidValue');
    expectScimError(await hr.call('POST', '/Users', { rawBody: 'userName=x', headers: { 'content-type': 'text/plain' } }), 400, 'invalidSyntax');
    expectScimError(
      await hr.call('POST', '/Users', { rawBody: JSON.stringify({ userName: 'a@b.example', displayName: 'x'.repeat(120_000) }), headers: SCIM_JSON }),
      413,
    );
    expect(await UserModel.countDocuments({})).toBe(count);
  });

  it('deletes as the console does: the user, its links and password go; the audit trail keeps the fact', async () => {
    const email = freshEmail('gone');
    const created = await hr.post('/Users', { userName: email, name: { formatted: 'Gone Soon' }, active: true });
    await invitationOf(email);
    const deleted = await hr.call('DELETE', `/Users/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expectScimError(await hr.get(`/Users/${created.body.id}`), 404);
    expect(await UserModel.exists({ _id: created.body.id })).toBeNull();
    expect(await InvitationModel.exists({ userId: created.body.id })).toBeNull();
    expect(await AuditEventModel.findOne({ entityId: created.body.id, action: 'user.deleted' }).lean()).toMatchObject({
      actor: { type: 'integration', label: 'SCIM hr' },
    });
    expectScimError(await hr.call('DELETE', `/Users/${created.body.id}`), 404);
  });
});
