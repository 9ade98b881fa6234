import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo } from '../harness/mailbox-client.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h' });
const env = useTestApi(config);
useTestWorker(config);

describe('login migration over HTTP', () => {
  it('imports a CSV, refuses the wrong user and blocking e-mails, then migrates after the review', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants', 'premium');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const csv = [
      'code,name,legacyUsername,email,role',
      `1,Ana Chefe,ana,ana@${domain},supervisor`,
      `2,Bia Supervisora,bia,bia@${domain},supervisor`,
      `3,Caio,caio,dup@${domain},member`,
      `4,Davi,davi,DUP@${domain},member`,
      `5,,semnome,x@${domain},member`,
    ].join('\n');
    const importPath = `/api/v1/tenants/${tenant.id}/users/import`;

    const dry = await env.integration.call('POST', `${importPath}?dryRun=true`, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: 4, rejected: 1, created: 0 });
    const imported = await env.integration.call('POST', importPath, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toMatchObject({ created: 4, rejected: 1 });
    const ids = Object.fromEntries((imported.body.rows as { code?: number; id?: string }[]).filter((row) => row.id).map((row) => [row.code, row.id]));

    const startPath = `/api/v1/tenants/${tenant.id}/migrations`;
    const ineligible = await env.integration.call('POST', startPath, { body: { actingUserId: ids[2] }, headers: { 'accept-language': 'pt-BR' } });
    expect(ineligible.status).toBe(403);
    expect(ineligible.body.error.code).toBe('CLIENT_INELIGIBLE');
    expect(ineligible.body.error.message).toContain('Cliente Inelegível ou usuário não qualificado para a atualização de contas');
    expect(ineligible.body.error.message).toContain('Ana Chefe (código 1)');

    const blocked = await env.integration.post(startPath, { actingUserId: ids[1] });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('MIGRATION_BLOCKED');
    expect(blocked.body.error.fields.map((field: { message: string }) => field.message)).toEqual([
      'Caio (code 3): duplicateInTenant',
      'Davi (code 4): duplicateInTenant',
    ]);

    // The review: fix one duplicate, inactivate the other.
    const review = await env.admin.get(`/api/admin/tenants/${tenant.id}/migration/review`);
    expect(review.body).toMatchObject({
      total: 4,
      counts: { toMigrate: 4, inactive: 0, withProblems: 2 },
      qualified: { id: ids[1], code: 1, name: 'Ana Chefe' },
    });
    expect(review.body.rows.map((row: { code: number; problems: string[] }) => [row.code, row.problems])).toEqual([
      [1, []],
      [2, []],
      [3, ['duplicateInTenant']],
      [4, ['duplicateInTenant']],
    ]);
    const fixed = await env.admin.patch(`/api/admin/tenants/${tenant.id}/migration/users/${ids[3]}`, { email: `caio@${domain}` });
    expect(fixed.status).toBe(200);
    expect(fixed.body.counts).toMatchObject({ withProblems: 0 });
    const inactivated = await env.admin.post(`/api/admin/tenants/${tenant.id}/migration/users/${ids[4]}/inactivate`);
    expect(inactivated.body.rows.find((row: { id: string }) => row.id === ids[4]).status).toBe('inactive');
    expect(inactivated.body.counts).toEqual({ toMigrate: 3, inactive: 1, withProblems: 0 });

    const started = await env.admin.post(`/api/admin/tenants/${tenant.id}/migrations`, { actingUserId: ids[1] });
    expect(started.status).toBe(202);
    const progress = await eventually(async () => {
      const answer = await env.admin.get(`/api/admin/migrations/${started.body.migrationId}`);
      expect(answer.body).toMatchObject({ status: 'completed', total: 3, started: 3, invited: 3 });
      return answer.body;
    });
    expect(progress.actingUserLabel).toBe('Ana Chefe (code 1)');
    expect(await messagesTo(`caio@${domain}`)).toHaveLength(1);
    expect(await messagesTo(`dup@${domain}`)).toHaveLength(0);

    const cancelTooLate = await env.integration.post(`/api/v1/migrations/${started.body.migrationId}/cancel`);
    expect(cancelTooLate.status).toBe(409);
    expect(cancelTooLate.body.error.code).toBe('MIGRATION_NOT_RUNNING');
    const again = await env.integration.post(startPath, { actingUserId: ids[1] });
    expect(again.body.error.code).toBe('NOTHING_TO_MIGRATE');
  });

  it('lets a console account linked to a tenant user act only as that user, for that tenant', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const other = await apiTenant(env.integration, '/api/v1/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const imported = await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [
      { code: 1, name: 'Ana Chefe', email: `ana@${domain}`, role: 'supervisor' },
      { code: 2, name: 'Bia Supervisora', email: `bia@${domain}`, role: 'supervisor' },
    ]);
    const [ana, bia] = (imported.body.rows as { id: string }[]).map((row) => row.id);
    const startPath = `/api/admin/tenants/${tenant.id}/migrations`;

    // A platform account must say on whose behalf it runs the update.
    const unnamed = await env.admin.post(startPath, {});
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields[0].path).toBe('actingUserId');

    const unknownUser = await env.admin.post('/api/admin/admins', {
      email: freshEmail('x'),
      name: 'X',
      role: 'admin',
      password: 'linked pass 1',
      tenantUserId: '0123456789abcdef01234567',
    });
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.error.fields[0].path).toBe('tenantUserId');

    const email = freshEmail('bia-console');
    const account = await env.admin.post('/api/admin/admins', { email, name: 'Bia (console)', role: 'admin', password: 'linked pass 1', tenantUserId: bia });
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({ tenantUserId: bia, tenantId: tenant.id });
    const linked = (await adminClient(env.api.url, email, 'linked pass 1')).client;
    expect((await linked.get('/api/admin/auth/me')).body).toMatchObject({ tenantUserId: bia, tenantId: tenant.id });

    const asBia = await linked.post(startPath, {}, { 'accept-language': 'pt-BR' });
    expect(asBia.status).toBe(403);
    expect(asBia.body.error.code).toBe('CLIENT_INELIGIBLE');
    expect(asBia.body.error.message).toContain('Ana Chefe (código 1)');
    const asAna = await linked.post(startPath, { actingUserId: ana });
    expect(asAna.status).toBe(400);
    expect(asAna.body.error.fields[0]).toMatchObject({ path: 'actingUserId', message: expect.stringContaining(bia!) });
    const elsewhere = await linked.post(`/api/admin/tenants/${other.id}/migrations`, {});
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('OTHER_TENANT');
    expect((await env.admin.get(`/api/admin/tenants/${tenant.id}/migrations`)).body).toEqual([]);

    // Linked to the qualified supervisor, the same account runs the update as her.
    const relinked = await env.admin.put(`/api/admin/admins/${account.body.id}`, { tenantUserId: ana });
    expect(relinked.body.tenantUserId).toBe(ana);
    const started = await linked.post(startPath, {});
    expect(started.status).toBe(202);
    const progress = await eventually(async () => {
      const answer = await env.admin.get(`/api/admin/migrations/${started.body.migrationId}`);
      expect(answer.body).toMatchObject({ status: 'completed', total: 2, invited: 2 });
      return answer.body;
    });
    expect(progress.actingUserLabel).toBe('Ana Chefe (code 1)');
  });

  it("keeps a tenant account inside its tenant: no other tenant's migration, no console accounts", async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const other = await apiTenant(env.integration, '/api/v1/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const own = await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [
      { code: 1, name: 'Ana Chefe', email: `ana@${domain}`, role: 'supervisor' },
    ]);
    const ana = own.body.rows[0].id as string;
    const theirs = await env.integration.post(`/api/v1/tenants/${other.id}/users/import`, [
      { code: 1, name: 'Olga Chefe', email: `olga@${domain}`, role: 'supervisor' },
    ]);
    const theirRun = await env.integration.post(`/api/v1/tenants/${other.id}/migrations`, { actingUserId: theirs.body.rows[0].id });
    expect(theirRun.status).toBe(202);
    await eventually(async () => expect((await env.admin.get(`/api/admin/migrations/${theirRun.body.migrationId}`)).body.status).toBe('completed'));
    const theirStaged = await env.integration.post(`/api/v1/tenants/${other.id}/users/import`, [
      { code: 2, name: 'Otto', email: `otto@${domain}`, role: 'member' },
    ]);
    const otto = theirStaged.body.rows[0].id as string;

    const email = freshEmail('ana-console');
    const account = await env.admin.post('/api/admin/admins', { email, name: 'Ana (console)', role: 'admin', password: 'linked pass 1', tenantUserId: ana });
    expect(account.status).toBe(201);
    const linked = (await adminClient(env.api.url, email, 'linked pass 1')).client;

    // Another tenant named in the path: 403 OTHER_TENANT; another tenant's run named by id: as missing.
    const base = `/api/admin/tenants/${other.id}`;
    const refused = [
      await linked.post(`${base}/users/import`, [{ code: 9, name: 'Intruso', email: `x@${domain}`, role: 'member' }]),
      await linked.get(`${base}/migration/review`),
      await linked.patch(`${base}/migration/users/${otto}`, { email: `otto2@${domain}` }),
      await linked.post(`${base}/migration/users/${otto}/inactivate`),
      await linked.post(`${base}/migration/users/${otto}/include`),
      await linked.get(`${base}/migrations`),
    ];
    expect(refused.map((answer) => [answer.status, answer.body.error?.code])).toEqual(refused.map(() => [403, 'OTHER_TENANT']));
    const byId = [
      await linked.get(`/api/admin/migrations/${theirRun.body.migrationId}`),
      await linked.post(`/api/admin/migrations/${theirRun.body.migrationId}/cancel`),
    ];
    expect(byId.map((answer) => [answer.status, answer.body.error?.code])).toEqual(byId.map(() => [404, 'MIGRATION_NOT_FOUND']));
    const review = await env.admin.get(`${base}/migration/review`);
    expect(review.body.rows.map((row: { id: string; proposedEmail: string; status: string }) => [row.id, row.proposedEmail, row.status])).toEqual([
      [otto, `otto@${domain}`, 'staged'],
    ]);
    // Its own tenant stays open to it.
    expect((await linked.get(`/api/admin/tenants/${tenant.id}/migration/review`)).status).toBe(200);

    // Console accounts: it can neither unlink itself nor create, change or delete any account.
    const me = (await linked.get('/api/admin/auth/me')).body;
    const platformMe = (await env.admin.get('/api/admin/auth/me')).body;
    const writes = [
      await linked.put(`/api/admin/admins/${me.id}`, { tenantUserId: null }),
      await linked.post('/api/admin/admins', { email: freshEmail('escape'), name: 'Escape', role: 'admin', password: 'escape pass 12' }),
      await linked.put(`/api/admin/admins/${platformMe.id}`, { disabled: true }),
      await linked.delete(`/api/admin/admins/${account.body.id}`),
    ];
    expect(writes.map((answer) => [answer.status, answer.body.error?.code])).toEqual(writes.map(() => [403, 'FORBIDDEN']));
    expect((await env.admin.get(`/api/admin/admins/${account.body.id}`)).body).toMatchObject({ tenantUserId: ana, tenantId: tenant.id });
    expect((await env.admin.get('/api/admin/admins?filter={"q":"escape"}')).body).toEqual([]);
    expect((await env.admin.get('/api/admin/auth/me')).status).toBe(200);

    // A platform admin keeps everything, including managing the tenant account.
    expect((await env.admin.put(`/api/admin/admins/${account.body.id}`, { tenantUserId: null })).body.tenantUserId).toBeNull();
  });

  it('answers bad input with a 4xx naming the field, changing nothing', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const badId = await env.integration.post(`/api/v1/tenants/${tenant.id}/migrations`, { actingUserId: 'nope' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields[0].path).toBe('actingUserId');
    const badCsv = await env.integration.call('POST', `/api/v1/tenants/${tenant.id}/users/import`, {
      rawBody: 'code,name\n"1,broken',
      headers: { 'content-type': 'text/csv' },
    });
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.error.code).toBe('MALFORMED_CSV');
    const unknownMigration = await env.integration.get(`/api/v1/migrations/${randomUUID()}`);
    expect(unknownMigration.status).toBe(404);
    const review = await env.admin.get(`/api/admin/tenants/${tenant.id}/migration/review`);
    expect(review.body).toEqual({ rows: [], total: 0, counts: { toMigrate: 0, inactive: 0, withProblems: 0 }, qualified: null });
  });

  it("takes a deleted tenant's migrations, SCIM tokens and webhook endpoints with it", async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const imported = await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [
      { code: 1, name: 'Ana Chefe', email: freshEmail('leaving'), role: 'supervisor' },
    ]);
    const [ana] = (imported.body.rows as { id: string }[]).map((row) => row.id);
    const started = await env.integration.post(`/api/v1/tenants/${tenant.id}/migrations`, { actingUserId: ana });
    const migration = `/api/v1/migrations/${started.body.migrationId}`;
    await eventually(async () => expect((await env.integration.get(migration)).body.status).toBe('completed'));
    const scim = await env.admin.post(`/api/admin/tenants/${tenant.id}/scim-tokens`, { name: 'leaving' });
    const webhook = await env.integration.post('/api/v1/webhooks', { url: 'https://hooks.example.test/leaving', tenantId: tenant.id });
    expect([scim.status, webhook.status]).toEqual([201, 201]);

    expect((await env.admin.delete(`/api/admin/users/${ana}`)).status).toBe(200);
    expect((await env.admin.delete(`/api/admin/tenants/${tenant.id}`)).status).toBe(200);
    expect((await env.integration.get(migration)).status).toBe(404);
    expect((await env.admin.get(`/api/admin/migrations/${started.body.migrationId}`)).status).toBe(404);
    expect((await env.integration.get(`/api/v1/tenants/${tenant.id}/migrations`)).status).toBe(404);
    expect((await env.integration.get(`/api/v1/webhooks/${webhook.body.id}`)).status).toBe(404);
    const signIn = await fetch(`${env.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${scim.body.token}` } });
    expect(signIn.status).toBe(401);
  });
});
