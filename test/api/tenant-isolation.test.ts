import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DocumentedRouter, scopeDecisions, TENANT_SCOPE_EXTENSION } from '../../api/http/documented-router.js';
import { createOpenApiRegistry } from '../../api/openapi/registry.js';
import {
  AdminAccountModel,
  ApiKeyModel,
  AuditEventModel,
  EmailLogModel,
  InvitationModel,
  MigrationModel,
  ScimTokenModel,
  TenantModel,
  UserModel,
  WebhookDeliveryModel,
  WebhookEndpointModel,
} from '../../data/models/index.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { createScimToken } from '../../use-cases/scim-tokens/create-scim-token.js';
import { adminClient, apiClient, useTestApi, type Answer, type ApiClient } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { waitForMessages } from '../harness/mailbox-client.js';

/**
 * The tenant-isolation matrix: every operation of the served OpenAPI document, called by each
 * principal of office A (an admin console account, a viewer, an API key, a SCIM token) against
 * office B's ids, B's filters and bodies naming B. By-id reads and writes are refused (403/404),
 * lists answer without a trace of B, and afterwards every record of B is as it was, to the byte.
 * An operation added to the API without a case here fails the test until it is described.
 */

const METRICS_TOKEN = 'metrics-token-for-the-isolation-matrix';
const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h', METRICS_TOKEN });
const env = useTestApi(config);
useTestWorker(config);

type Principal = 'admin' | 'viewer' | 'apiKey' | 'scim';
type Ids = Awaited<ReturnType<typeof officeB>>;
interface Request {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  rawCsv?: string;
}
/**
 * How the matrix calls an operation: `refused` (403/404 for every call), `list` (200 or, for a
 * viewer on credentials, 403; never a trace of B), `batch` (200 with each item refused), `own`
 * (acts on the caller's own office by construction: nothing of B to aim at), `none` (no principal
 * or no tenant data: public pages, the session itself, documentation, health).
 */
type Case =
  { kind: 'refused' | 'list'; calls: (b: Ids) => Request[] } | { kind: 'batch'; calls: (b: Ids) => Request[] } | { kind: 'own' | 'none'; why: string };

const one = (request: Request) => () => [request];
const byId =
  (...names: (keyof Ids)[]) =>
  (b: Ids) =>
    names.map((name) => ({ params: { id: String(b[name]) } }));
const lists =
  (...filters: ((b: Ids) => Record<string, unknown> | undefined)[]) =>
  (b: Ids) =>
    filters.map((filter) => {
      const value = filter(b);
      return value === undefined ? {} : { query: { filter: JSON.stringify(value) } };
    });
const inB =
  (rest: Record<string, string> = {}) =>
  (b: Ids) => [{ params: { tenantId: b.tenantId, ...rest } }];
const newUserInB = (b: Ids) => ({ tenantId: b.tenantId, name: 'Intruder', email: freshEmail('intruder') });

const cases: Record<string, Case> = {
  // The console (admin session).
  'GET /api/admin/users': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ tenantId: b.tenantId }),
      (b) => ({ id: [b.invited] }),
      (b) => ({ q: b.names[0] }),
    ),
  },
  'POST /api/admin/users': { kind: 'refused', calls: (b) => [{ body: { ...newUserInB(b), sendInvitation: false } }] },
  'GET /api/admin/users/{id}': { kind: 'refused', calls: byId('invited', 'staged') },
  'PUT /api/admin/users/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.invited }, body: { name: 'Taken over', email: freshEmail('outside') } }] },
  'DELETE /api/admin/users/{id}': { kind: 'refused', calls: byId('invited') },
  'POST /api/admin/users/{id}/invite': { kind: 'refused', calls: byId('staged') },
  'POST /api/admin/users/{id}/resend': { kind: 'refused', calls: byId('invited') },
  'POST /api/admin/users/{id}/deactivate': { kind: 'refused', calls: byId('invited') },
  'POST /api/admin/users/{id}/reactivate': { kind: 'refused', calls: byId('invited') },
  'GET /api/admin/users/{id}/lifecycle': { kind: 'refused', calls: byId('invited') },
  'GET /api/admin/tenants': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ id: b.tenantId }),
      (b) => ({ q: b.tenantName }),
    ),
  },
  'POST /api/admin/tenants': { kind: 'refused', calls: one({ body: { name: 'Another office', plan: 'essential' } }) },
  'GET /api/admin/tenants/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.tenantId } }] },
  'GET /api/admin/tenants/{id}/email-preview': { kind: 'refused', calls: (b) => [{ params: { id: b.tenantId }, query: { template: 'accessReady' } }] },
  'PUT /api/admin/tenants/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.tenantId }, body: { selfSignup: true, plan: 'essential' } }] },
  'DELETE /api/admin/tenants/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.tenantId } }] },
  'GET /api/admin/invitations': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ tenantId: b.tenantId }),
      (b) => ({ userId: b.invited }),
    ),
  },
  'GET /api/admin/invitations/{id}': { kind: 'refused', calls: byId('invitationId') },
  'GET /api/admin/emails': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ tenantId: b.tenantId }),
      (b) => ({ userId: b.invited }),
    ),
  },
  'GET /api/admin/emails/{id}': { kind: 'refused', calls: byId('emailId') },
  'GET /api/admin/audit': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ tenantId: b.tenantId }),
      (b) => ({ entityId: b.invited }),
    ),
  },
  'GET /api/admin/audit/{id}': { kind: 'refused', calls: byId('auditId') },
  'GET /api/admin/admins': { kind: 'refused', calls: one({}) },
  'POST /api/admin/admins': {
    kind: 'refused',
    calls: one({ body: { email: freshEmail('escape'), name: 'Escape', role: 'admin', password: 'escape password 1' } }),
  },
  'GET /api/admin/admins/{id}': { kind: 'refused', calls: byId('platformAdminId') },
  'PUT /api/admin/admins/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.platformAdminId }, body: { disabled: true } }] },
  'DELETE /api/admin/admins/{id}': { kind: 'refused', calls: byId('platformAdminId') },
  'POST /api/admin/admins/{id}/password': { kind: 'refused', calls: (b) => [{ params: { id: b.platformAdminId }, body: { generate: true } }] },
  'GET /api/admin/api-keys': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ id: b.apiKeyId }),
      (b) => ({ tenantId: b.tenantId }),
    ),
  },
  'POST /api/admin/api-keys': { kind: 'refused', calls: (b) => [{ body: { name: 'B key', tenantId: b.tenantId } }] },
  'GET /api/admin/api-keys/{id}': { kind: 'refused', calls: byId('apiKeyId', 'platformKeyId') },
  'POST /api/admin/api-keys/{id}/revoke': { kind: 'refused', calls: byId('apiKeyId', 'platformKeyId') },
  'GET /api/admin/tenants/{tenantId}/scim-tokens': { kind: 'refused', calls: inB() },
  'POST /api/admin/tenants/{tenantId}/scim-tokens': { kind: 'refused', calls: (b) => [{ params: { tenantId: b.tenantId }, body: { name: 'Okta' } }] },
  'POST /api/admin/scim-tokens/{id}/revoke': { kind: 'refused', calls: byId('scimTokenId') },
  'GET /api/admin/webhooks': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ tenantId: b.tenantId }),
      (b) => ({ id: [b.webhookId, b.globalWebhookId] }),
    ),
  },
  'POST /api/admin/webhooks': {
    kind: 'refused',
    calls: (b) => [{ body: { url: 'https://crm.example.test/b', tenantId: b.tenantId } }, { body: { url: 'https://crm.example.test/all' } }],
  },
  'GET /api/admin/webhooks/{id}': { kind: 'refused', calls: byId('webhookId', 'globalWebhookId') },
  'PUT /api/admin/webhooks/{id}': {
    kind: 'refused',
    calls: (b) => [b.webhookId, b.globalWebhookId].map((id) => ({ params: { id }, body: { enabled: false } })),
  },
  'DELETE /api/admin/webhooks/{id}': { kind: 'refused', calls: byId('webhookId', 'globalWebhookId') },
  'GET /api/admin/webhook-deliveries': {
    kind: 'list',
    calls: lists(
      () => undefined,
      (b) => ({ endpointId: b.webhookId }),
      (b) => ({ id: b.deliveryId }),
    ),
  },
  'GET /api/admin/webhook-deliveries/{id}': { kind: 'refused', calls: byId('deliveryId') },
  'POST /api/admin/webhook-deliveries/{id}/resend': { kind: 'refused', calls: byId('deliveryId') },
  'POST /api/admin/tenants/{tenantId}/users/import': {
    kind: 'refused',
    calls: (b) => [
      { params: { tenantId: b.tenantId }, body: [{ code: 90, name: 'Planted', email: freshEmail('planted') }] },
      { params: { tenantId: b.tenantId }, rawCsv: `code;name;email\n91;Planted;${freshEmail('planted')}` },
    ],
  },
  'POST /api/admin/tenants/{tenantId}/migrations': {
    kind: 'refused',
    calls: (b) => [{ params: { tenantId: b.tenantId }, body: { actingUserId: b.supervisor } }],
  },
  'GET /api/admin/tenants/{tenantId}/migrations': { kind: 'refused', calls: inB() },
  'GET /api/admin/migrations/{migrationId}': { kind: 'refused', calls: (b) => [{ params: { migrationId: b.migrationId } }] },
  'POST /api/admin/migrations/{migrationId}/cancel': { kind: 'refused', calls: (b) => [{ params: { migrationId: b.migrationId } }] },
  'GET /api/admin/tenants/{tenantId}/migration/review': { kind: 'refused', calls: inB() },
  'PATCH /api/admin/tenants/{tenantId}/migration/users/{userId}': {
    kind: 'refused',
    calls: (b) => [{ params: { tenantId: b.tenantId, userId: b.staged }, body: { email: freshEmail('outside') } }],
  },
  'POST /api/admin/tenants/{tenantId}/migration/users/{userId}/inactivate': { kind: 'refused', calls: (b) => inB({ userId: b.staged })(b) },
  'POST /api/admin/tenants/{tenantId}/migration/users/{userId}/include': { kind: 'refused', calls: (b) => inB({ userId: b.staged })(b) },
  'GET /api/admin/dashboard': { kind: 'list', calls: one({}) },
  'GET /api/admin/tenants/{tenantId}/activation': {
    kind: 'refused',
    calls: (b) => [{ params: { tenantId: b.tenantId } }, { params: { tenantId: b.tenantId }, query: { migrationId: b.migrationId } }],
  },
  'POST /api/admin/tenants/{tenantId}/login-links': {
    kind: 'refused',
    calls: (b) => [
      { params: { tenantId: b.tenantId }, body: {} },
      { params: { tenantId: b.tenantId }, body: { userIds: [b.invited] } },
    ],
  },
  'POST /api/admin/users/{id}/login-link': { kind: 'refused', calls: byId('invited') },
  'POST /api/admin/users/{id}/registration-link': { kind: 'refused', calls: byId('invited') },
  'GET /api/admin/config': { kind: 'none', why: "the Temporal UI's address: no tenant's records" },
  'GET /api/admin/migration/template.csv': { kind: 'none', why: 'a blank spreadsheet: no tenant data' },
  'GET /api/admin/auth/me': { kind: 'none', why: 'the signed-in account itself' },
  'POST /api/admin/auth/login': { kind: 'none', why: 'signing in: no principal yet' },
  'POST /api/admin/auth/logout': { kind: 'none', why: "ends the caller's own session" },

  // Other systems (API key).
  'POST /api/v1/onboardings': { kind: 'refused', calls: (b) => [{ body: newUserInB(b) }] },
  'POST /api/v1/onboardings/batch': { kind: 'batch', calls: (b) => [{ body: { items: [newUserInB(b), newUserInB(b)] } }] },
  'GET /api/v1/onboardings/{id}': { kind: 'refused', calls: byId('invited', 'staged') },
  'PATCH /api/v1/onboardings/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.invited }, body: { email: freshEmail('outside') } }] },
  'POST /api/v1/onboardings/{id}/login-link': { kind: 'refused', calls: byId('invited') },
  'POST /api/v1/onboardings/{id}/resend': { kind: 'refused', calls: byId('invited') },
  'POST /api/v1/onboardings/{id}/deactivate': { kind: 'refused', calls: byId('invited') },
  'POST /api/v1/onboardings/{id}/reactivate': { kind: 'refused', calls: byId('invited') },
  'GET /api/v1/tenants': { kind: 'list', calls: one({ query: { limit: 500 } }) },
  // Naming B's tenantId is 403 OTHER_TENANT (test/api/user-sync.test.ts); without it, A's own users only.
  'GET /api/v1/users': {
    kind: 'list',
    calls: () => [{}, { query: { status: 'invited', limit: 1000 } }, { query: { updatedSince: '2000-01-01T00:00:00Z', status: 'staged,invited,active' } }],
  },
  'POST /api/v1/tenants': { kind: 'refused', calls: one({ body: { name: 'Another office', plan: 'essential' } }) },
  'GET /api/v1/tenants/{id}': { kind: 'refused', calls: (b) => [{ params: { id: b.tenantId } }] },
  'POST /api/v1/tenants/{tenantId}/users/import': {
    kind: 'refused',
    calls: (b) => [{ params: { tenantId: b.tenantId }, body: [{ code: 92, name: 'Planted', email: freshEmail('planted') }] }],
  },
  'POST /api/v1/tenants/{tenantId}/migrations': { kind: 'refused', calls: (b) => [{ params: { tenantId: b.tenantId }, body: { actingUserId: b.supervisor } }] },
  'GET /api/v1/tenants/{tenantId}/migrations': { kind: 'refused', calls: inB() },
  'GET /api/v1/migrations/{migrationId}': { kind: 'refused', calls: (b) => [{ params: { migrationId: b.migrationId } }] },
  'POST /api/v1/migrations/{migrationId}/cancel': { kind: 'refused', calls: (b) => [{ params: { migrationId: b.migrationId } }] },
  'POST /api/v1/webhooks': {
    kind: 'refused',
    calls: (b) => [{ body: { url: 'https://crm.example.test/b', tenantId: b.tenantId } }, { body: { url: 'https://crm.example.test/all' } }],
  },
  'GET /api/v1/webhooks': { kind: 'list', calls: (b) => [{}, { query: { tenantId: b.tenantId } }] },
  'GET /api/v1/webhooks/{id}': { kind: 'refused', calls: byId('webhookId', 'globalWebhookId') },
  'PATCH /api/v1/webhooks/{id}': {
    kind: 'refused',
    calls: (b) => [b.webhookId, b.globalWebhookId].map((id) => ({ params: { id }, body: { enabled: false } })),
  },
  'DELETE /api/v1/webhooks/{id}': { kind: 'refused', calls: byId('webhookId', 'globalWebhookId') },
  'GET /api/v1/webhooks/{id}/deliveries': { kind: 'refused', calls: byId('webhookId', 'globalWebhookId') },
  'POST /api/v1/webhook-deliveries/{id}/resend': { kind: 'refused', calls: byId('deliveryId') },

  // Identity providers (SCIM token of A).
  'GET /scim/v2/Users': { kind: 'list', calls: (b) => [{}, { query: { filter: `userName eq "${b.emails[0]}"` } }] },
  'POST /scim/v2/Users': { kind: 'own', why: "creates in the token's own office; no body field names a tenant" },
  'POST /scim/v2/Users/.search': {
    kind: 'list',
    calls: (b) => [{ body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `userName eq "${b.emails[0]}"` } }],
  },
  'POST /scim/v2/.search': { kind: 'list', calls: () => [{ body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] } }] },
  'GET /scim/v2/Users/{id}': { kind: 'refused', calls: byId('invited') },
  'PUT /scim/v2/Users/{id}': {
    kind: 'refused',
    calls: (b) => [{ params: { id: b.invited }, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: freshEmail('outside') } }],
  },
  'PATCH /scim/v2/Users/{id}': {
    kind: 'refused',
    calls: (b) => [
      {
        params: { id: b.invited },
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
      },
    ],
  },
  'DELETE /scim/v2/Users/{id}': { kind: 'refused', calls: byId('invited') },
  'GET /scim/v2/ServiceProviderConfig': { kind: 'none', why: "SCIM's static discovery document" },
  'GET /scim/v2/ResourceTypes': { kind: 'none', why: "SCIM's static discovery document" },
  'GET /scim/v2/ResourceTypes/{id}': { kind: 'none', why: "SCIM's static discovery document" },
  'GET /scim/v2/Schemas': { kind: 'none', why: "SCIM's static discovery document" },
  'GET /scim/v2/Schemas/{id}': { kind: 'none', why: "SCIM's static discovery document" },

  // Operations and documentation.
  'GET /metrics': { kind: 'refused', calls: one({}) },
  'GET /healthz': { kind: 'none', why: 'liveness' },
  'GET /readyz': { kind: 'none', why: 'readiness' },
  'GET /api/openapi.json': { kind: 'none', why: 'documentation' },
  'GET /api/docs': { kind: 'none', why: 'documentation' },
  'GET /api/public/invitations/{token}': { kind: 'none', why: 'public: the invitation token is the only key' },
  'POST /api/public/invitations/{token}/accept': { kind: 'none', why: 'public: the invitation token is the only key' },
  'POST /api/public/invitations/{token}/renew': { kind: 'none', why: 'public: the invitation token is the only key' },
  'POST /api/public/signup': { kind: 'none', why: 'public: the same answer whatever the tenant (self-signup test)' },
  'POST /api/public/login': { kind: 'none', why: "public: an end user's own credentials" },
  'POST /api/v1/email-events/{provider}': { kind: 'none', why: 'providers sign their events; no principal' },
};

/** Office B with one of everything an office has: users in each state, a migration, links, e-mails, an endpoint with a delivery, keys and tokens. */
async function officeB() {
  const tenant = await apiTenant(env.admin, '/api/admin/tenants', 'premium');
  const domain = `b-${randomUUID().slice(0, 6)}.office.test`;
  const names = ['Bento Supervisor', 'Berenice Member', 'Bruna Staged'];
  const emails = [`bento@${domain}`, `berenice@${domain}`, `bruna@${domain}`];
  const imported = await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [
    { code: 1, name: names[0], email: emails[0], role: 'supervisor' },
    { code: 2, name: names[1], email: emails[1], role: 'member' },
  ]);
  const [supervisor, invited] = (imported.body.rows as { id: string }[]).map((row) => row.id) as [string, string];
  const started = await env.integration.post(`/api/v1/tenants/${tenant.id}/migrations`, { actingUserId: supervisor });
  expect(started.status).toBe(202);
  await eventually(async () =>
    expect((await env.integration.get(`/api/v1/migrations/${started.body.migrationId}`)).body).toMatchObject({ status: 'completed', invited: 2 }),
  );
  await Promise.all(emails.slice(0, 2).map((email) => waitForMessages(email, 1)));
  const staged = (await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [{ code: 3, name: names[2], email: emails[2] }])).body.rows[0]
    .id as string;

  const webhook = await env.admin.post('/api/admin/webhooks', { url: 'https://crm.example.test/b', tenantId: tenant.id, events: ['user.deleted'] });
  const globalWebhook = await env.admin.post('/api/admin/webhooks', { url: 'https://crm.example.test/all', events: ['user.deleted'] });
  const deliveryId = `msg_isolation${randomUUID().replaceAll('-', '')}`;
  await WebhookDeliveryModel.create({
    _id: deliveryId,
    endpointId: new Types.ObjectId(webhook.body.id as string),
    eventKey: `isolation:${deliveryId}`,
    eventType: 'user.deleted',
    tenantId: new Types.ObjectId(tenant.id),
    payload: JSON.stringify({ type: 'user.deleted', data: { userId: invited } }),
    status: 'delivered',
    attempts: 1,
    deliveredAt: new Date(),
  });
  const apiKey = await env.admin.post('/api/admin/api-keys', { name: 'B main system', tenantId: tenant.id });
  const platformKey = await env.admin.post('/api/admin/api-keys', { name: 'Platform integration' });
  const scimToken = await createScimToken(PLATFORM_SCOPE, tenant.id, 'B Okta');
  const invitation = await InvitationModel.findOne({ userId: new Types.ObjectId(invited) }).lean();
  const email = await EmailLogModel.findOne({ userId: new Types.ObjectId(invited) }).lean();
  const audit = await AuditEventModel.findOne({ tenantId: tenant.id }).lean();
  const platformAdmin = await AdminAccountModel.findOne({ tenantId: null }).lean();
  return {
    tenantId: tenant.id,
    tenantName: tenant.name,
    supervisor,
    invited,
    staged,
    names,
    emails,
    migrationId: started.body.migrationId as string,
    invitationId: String(invitation!._id),
    emailId: String(email!._id),
    auditId: String(audit!._id),
    webhookId: webhook.body.id as string,
    globalWebhookId: globalWebhook.body.id as string,
    deliveryId,
    apiKeyId: apiKey.body.id as string,
    platformKeyId: platformKey.body.id as string,
    scimTokenId: scimToken.id,
    platformAdminId: String(platformAdmin!._id),
  };
}

/** Office A's principals: accounts linked to its supervisor (admin) and to a member (viewer), an API key and a SCIM token of A. */
async function officeA() {
  const tenant = await apiTenant(env.admin, '/api/admin/tenants', 'plus');
  const domain = `a-${randomUUID().slice(0, 6)}.office.test`;
  const imported = await env.admin.post(`/api/admin/tenants/${tenant.id}/users/import`, [
    { code: 1, name: 'Alda Supervisora', email: `alda@${domain}`, role: 'supervisor' },
    { code: 2, name: 'Arno Membro', email: `arno@${domain}`, role: 'member' },
  ]);
  const [supervisor, member] = (imported.body.rows as { id: string }[]).map((row) => row.id);
  const account = async (role: 'admin' | 'viewer', tenantUserId: string) => {
    const email = freshEmail(`a-${role}`);
    const password = `office a ${role} password 1`;
    const created = await env.admin.post('/api/admin/admins', { email, name: `A ${role}`, role, password, tenantUserId });
    expect(created.status).toBe(201);
    return (await adminClient(env.url, email, password)).client;
  };
  const key = await env.admin.post('/api/admin/api-keys', { name: 'A main system', tenantId: tenant.id });
  expect(key.body.tenantId).toBe(tenant.id);
  const scim = await createScimToken(PLATFORM_SCOPE, tenant.id, 'A Okta');
  const clients: Record<Principal, ApiClient> = {
    admin: await account('admin', supervisor!),
    viewer: await account('viewer', member!),
    apiKey: apiClient(env.url, { headers: { authorization: `Bearer ${key.body.key}` } }),
    scim: apiClient(env.url, { headers: { authorization: `Bearer ${scim.token}` } }),
  };
  return { tenantId: tenant.id, users: 2, clients };
}

/** Everything of B, and every record that is no office's (platform keys, accounts, global endpoints), as stored. */
async function snapshotOfB(b: Ids) {
  const tenantId = new Types.ObjectId(b.tenantId);
  const endpoints = await WebhookEndpointModel.find({ $or: [{ tenantId }, { tenantId: null }] })
    .sort({ _id: 1 })
    .lean();
  return JSON.stringify({
    tenant: await TenantModel.findById(tenantId).lean(),
    users: await UserModel.find({ tenantId }).sort({ _id: 1 }).lean(),
    invitations: await InvitationModel.find({ tenantId }).sort({ _id: 1 }).lean(),
    emails: await EmailLogModel.find({ tenantId }).sort({ _id: 1 }).lean(),
    migrations: await MigrationModel.find({ tenantId }).sort({ _id: 1 }).lean(),
    endpoints,
    deliveries: await WebhookDeliveryModel.find({ endpointId: { $in: endpoints.map((endpoint) => endpoint._id) } })
      .sort({ _id: 1 })
      .lean(),
    scimTokens: await ScimTokenModel.find({ tenantId }).sort({ _id: 1 }).lean(),
    apiKeys: await ApiKeyModel.find({ _id: { $in: [b.apiKeyId, b.platformKeyId] } })
      .sort({ _id: 1 })
      .lean(),
    admins: await AdminAccountModel.find({ tenantId: null }).sort({ _id: 1 }).lean(),
    audit: await AuditEventModel.find({ tenantId: b.tenantId }).sort({ _id: 1 }).lean(),
  });
}

/** Which principals hold the operation's credential. */
function principalsFor(security: Record<string, unknown>[]): Principal[] {
  const schemes = security.flatMap((requirement) => Object.keys(requirement));
  if (schemes.includes('adminSession')) return ['admin', 'viewer'];
  if (schemes.includes('apiKey')) return ['apiKey'];
  if (schemes.includes('scimToken')) return ['scim'];
  if (schemes.includes('metricsToken')) return ['admin', 'apiKey'];
  return [];
}

function call(client: ApiClient, method: string, path: string, request: Request): Promise<Answer> {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.params?.[name] ?? `missing-${name}`));
  const query = request.query ? `?${new URLSearchParams(Object.entries(request.query).map(([key, value]): [string, string] => [key, String(value)]))}` : '';
  if (request.rawCsv !== undefined) return client.call(method, `${filled}${query}`, { rawBody: request.rawCsv, headers: { 'content-type': 'text/csv' } });
  return client.call(method, `${filled}${query}`, request.body === undefined ? {} : { body: request.body });
}

describe('tenant isolation', () => {
  it('states a tenant-scope decision on every operation of the document, and refuses a route without one', async () => {
    const { body } = await env.anonymous.get('/api/openapi.json');
    const undecided = Object.entries(body.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !(scopeDecisions as readonly unknown[]).includes(operation[TENANT_SCOPE_EXTENSION]))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undecided).toEqual([]);
    const routes = new DocumentedRouter(createOpenApiRegistry(), '/api/test', { tag: 'Test', security: 'apiKey', errors: [] });
    const undecidedRoute = { method: 'get', path: '/x', summary: 'x', responses: {}, handler: () => undefined };
    expect(() => routes.route(undecidedRoute as never)).toThrow(/no tenant-scope decision/);
  });

  it('keeps every principal of office A out of office B: by id, by filter, by body, on every operation', async () => {
    const b = await officeB();
    const a = await officeA();
    const before = await snapshotOfB(b);
    // Any of these in an answer to A is a leak (unless the request itself carried it: an error may quote what it was sent).
    const markers = [b.tenantId, b.tenantName, b.supervisor, b.invited, b.staged, ...b.names, ...b.emails, b.migrationId, b.invitationId, b.emailId];
    markers.push(b.auditId, b.webhookId, b.globalWebhookId, b.deliveryId, b.apiKeyId, b.platformKeyId, b.scimTokenId);

    const { body: document } = await env.anonymous.get('/api/openapi.json');
    const undescribed: string[] = [];
    const failures: string[] = [];
    let calls = 0;
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { security?: Record<string, unknown>[] }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        const spec = cases[name];
        if (!spec) {
          undescribed.push(name);
          continue;
        }
        if (!('calls' in spec)) continue;
        for (const principal of principalsFor(operation.security ?? [])) {
          for (const request of spec.calls(b)) {
            const answer = await call(a.clients[principal], method.toUpperCase(), path, request);
            calls++;
            const where = `${principal} ${name} ${JSON.stringify(request).slice(0, 160)}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
            const sent = JSON.stringify(request);
            const leaked = markers.filter((marker) => !sent.includes(marker) && JSON.stringify(answer.body ?? '').includes(marker));
            if (leaked.length > 0) failures.push(`${where} — leaks ${leaked.join(', ')}`);
            const credentialList = /api-keys|webhook/.test(path) && principal === 'viewer';
            const ok =
              spec.kind === 'refused'
                ? answer.status === 403 || answer.status === 404 || (path === '/metrics' && answer.status === 401)
                : spec.kind === 'list'
                  ? answer.status === 200 || (credentialList && answer.status === 403)
                  : answer.status === 200 && (answer.body.results as { error?: { code: string } }[]).every((item) => item.error?.code === 'OTHER_TENANT');
            if (!ok) failures.push(where);
          }
        }
      }
    }
    expect(undescribed, 'operations the isolation matrix does not describe yet').toEqual([]);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(150);

    // The counts an office sees are its own people only.
    const dashboard = await a.clients.admin.get('/api/admin/dashboard');
    expect(dashboard.body.total).toBe(a.users);
    expect((await a.clients.admin.get('/api/admin/tenants')).body.map((tenant: { id: string }) => tenant.id)).toEqual([a.tenantId]);

    // B's ids under A's own tenant: B's run is not A's, B's people are nobody of A's.
    expect((await a.clients.admin.get(`/api/admin/tenants/${a.tenantId}/activation?migrationId=${b.migrationId}`)).status).toBe(404);
    const underA = await a.clients.admin.post(`/api/admin/tenants/${a.tenantId}/login-links`, { userIds: [b.invited] });
    expect(underA.body).toEqual({ confirmed: [], refused: [{ userId: b.invited, code: 'USER_NOT_FOUND' }] });

    // Nothing of B moved, to the byte.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await snapshotOfB(b)).toEqual(before);

    // The platform's principals still reach B.
    expect((await env.admin.get(`/api/admin/users/${b.invited}`)).status).toBe(200);
    const filtered = await env.admin.get(`/api/admin/users?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.tenantId }))}`);
    // B's imported user waits in B's review (below), out of the users list until "Update accounts" takes it.
    expect(filtered.body.map((user: { id: string }) => user.id).sort()).toEqual([b.supervisor, b.invited].sort());
    const everyone = await env.admin.get(`/api/admin/users?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.tenantId, includeReview: true }))}`);
    expect(everyone.body.map((user: { id: string }) => user.id).sort()).toEqual([b.supervisor, b.invited, b.staged].sort());
    expect((await env.integration.get(`/api/v1/onboardings/${b.invited}`)).status).toBe(200);
    expect((await env.admin.get(`/api/admin/tenants/${b.tenantId}/migration/review`)).body.rows.map((row: { id: string }) => row.id)).toEqual([b.staged]);
    expect((await env.admin.get(`/api/admin/webhooks/${b.globalWebhookId}`)).status).toBe(200);
    expect((await env.admin.get(`/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.tenantId }))}`)).body.length).toBeGreaterThan(0);
  });

  it("lets an office's account change its own self-signup and nothing of the platform's", async () => {
    const a = await officeA();
    const own = await a.clients.admin.put(`/api/admin/tenants/${a.tenantId}`, { selfSignup: true });
    expect([own.status, own.body.selfSignup]).toEqual([200, true]);
    const plan = await a.clients.admin.put(`/api/admin/tenants/${a.tenantId}`, { plan: 'enterprise', requiresLoginLink: false });
    expect([plan.status, plan.body.error.code, plan.body.error.fields.map((field: { path: string }) => field.path).sort()]).toEqual([
      403,
      'FORBIDDEN',
      ['plan', 'requiresLoginLink'],
    ]);
    // react-admin sends the whole record back: the platform's fields unchanged pass.
    const whole = (await a.clients.admin.get(`/api/admin/tenants/${a.tenantId}`)).body;
    expect((await a.clients.admin.put(`/api/admin/tenants/${a.tenantId}`, { ...whole, selfSignup: false })).body.selfSignup).toBe(false);
    expect((await env.admin.get(`/api/admin/tenants/${a.tenantId}`)).body).toMatchObject({ plan: 'plus', requiresLoginLink: true });
    expect((await a.clients.viewer.put(`/api/admin/tenants/${a.tenantId}`, { selfSignup: true })).status).toBe(403);
  });

  it("answers an office's API key exactly as its own office's account: its users, its tenant, its imports", async () => {
    const a = await officeA();
    const created = await a.clients.apiKey.post('/api/v1/onboardings', { tenantId: a.tenantId, name: 'Alice Nova', email: freshEmail('alice') });
    expect(created.status).toBe(201);
    expect((await a.clients.apiKey.get(`/api/v1/onboardings/${created.body.id}`)).status).toBe(200);
    expect((await a.clients.apiKey.get(`/api/v1/tenants/${a.tenantId}`)).body.id).toBe(a.tenantId);
    expect((await a.clients.apiKey.get('/api/v1/tenants')).body).toMatchObject({ total: 1, items: [{ id: a.tenantId }] });
    const imported = await a.clients.apiKey.post(`/api/v1/tenants/${a.tenantId}/users/import`, [{ code: 7, name: 'Alcides', email: freshEmail('alcides') }]);
    expect(imported.body).toMatchObject({ created: 1 });
    // Its webhook without a tenant is refused (a global endpoint hears every office); with its own, registered.
    expect((await a.clients.apiKey.post('/api/v1/webhooks', { url: 'https://crm.example.test/a' })).status).toBe(403);
    expect((await a.clients.apiKey.post('/api/v1/webhooks', { url: 'https://crm.example.test/a', tenantId: a.tenantId })).status).toBe(201);
    expect(await UserModel.countDocuments({ tenantId: new Types.ObjectId(a.tenantId) })).toBe(a.users + 2);
  });
});
