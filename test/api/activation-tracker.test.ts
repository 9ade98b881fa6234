import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminClient, useTestApi, type ApiClient } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * The office's activation tracker over HTTP, as its supervisor uses it after "Update accounts":
 * people per step (not lifecycles started), progress as people active, who is stuck and why, and
 * the fixes that are not plain user actions: copying the invitation link, "I linked it in the main
 * system". Plus plan, no main system listening: the office confirms the link itself.
 */
const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h', PUBLIC_RATE_LIMIT: '1000' });
const env = useTestApi(config);
useTestWorker(config);

const password = 'tracked person 42';

async function officeOnPlus() {
  const tenant = await apiTenant(env.admin, '/api/admin/tenants', 'plus');
  const domain = `${randomUUID().slice(0, 6)}.escritorio.test`;
  const rows = [
    { code: 1, name: 'Sofia Supervisora', email: `sofia@${domain}`, role: 'supervisor' },
    { code: 2, name: 'Ana Souza', email: `ana.souza@${domain}` },
    { code: 3, name: 'Bia Lima', email: `bounce-${randomUUID().slice(0, 8)}@example.test` },
    { code: 4, name: 'Caio Reis', email: `caio@${domain}` },
  ];
  const imported = await env.admin.post(`/api/admin/tenants/${tenant.id}/users/import`, rows);
  expect(imported.body).toMatchObject({ created: 4 });
  const ids = (imported.body.rows as { id: string }[]).map((row) => row.id) as [string, string, string, string];
  const account = async (role: 'admin' | 'viewer') => {
    const email = freshEmail(`sofia-${role}`);
    expect(
      (await env.admin.post('/api/admin/admins', { email, name: `Sofia ${role}`, role, password: 'office password 1', tenantUserId: ids[0] })).status,
    ).toBe(201);
    return (await adminClient(env.url, email, 'office password 1')).client;
  };
  return { tenantId: tenant.id, rows, ids, office: await account('admin'), viewer: await account('viewer') };
}

const tracker = (client: ApiClient, tenantId: string, query = '') => client.get(`/api/admin/tenants/${tenantId}/activation${query}`);

describe('the activation tracker', () => {
  it('counts people by where they are, names who is stuck and why, and fixes them in one click', async () => {
    const { tenantId, rows, ids, office, viewer } = await officeOnPlus();
    const [, ana, bia, caio] = ids;

    // Before the update the staged people are found by the review's search, by the e-mail it
    // proposes as their new login; the users list's search once "Update accounts" takes them.
    const listSearch = async (q: string) =>
      (await office.get(`/api/admin/users?filter=${encodeURIComponent(JSON.stringify({ q }))}`)).body.map((user: { id: string }) => user.id);
    const reviewSearch = async (q: string) =>
      (await office.get(`/api/admin/tenants/${tenantId}/migration/review?${new URLSearchParams({ q })}`)).body.rows.map((row: { id: string }) => row.id);
    expect([await reviewSearch(rows[1]!.email.slice(0, 14)), await reviewSearch(rows[1]!.email)]).toEqual([[ana], [ana]]);
    expect(await listSearch(rows[1]!.email.slice(0, 14))).toEqual([]);
    expect((await tracker(office, tenantId)).body.counts).toMatchObject({ staged: 4, total: 0, progress: 0 });

    const started = await office.post(`/api/admin/tenants/${tenantId}/migrations`, {});
    expect(started.status).toBe(202);
    const migrationId = started.body.migrationId as string;
    await eventually(async () => expect((await tracker(office, tenantId)).body.counts).toMatchObject({ invited: 4, emailFailing: 1, total: 4 }));
    expect([await listSearch(rows[1]!.email.slice(0, 14)), await listSearch(rows[1]!.email), await listSearch('ana souza')]).toEqual([[ana], [ana], [ana]]);

    // Ana registers: she waits in "linking" for the office to say it linked her login in the main system.
    const { token } = registrationLink((await waitForMessages(rows[1]!.email, 1))[0]!);
    expect((await env.anonymous.post(`/api/public/invitations/${token}/accept`, { password, passwordConfirmation: password })).status).toBe(200);
    const linking = await eventually(async () => {
      const answer = (await tracker(office, tenantId)).body;
      expect(answer.counts).toMatchObject({ invited: 3, linking: 1, active: 0, total: 4, progress: 0, activeOfRegistered: 0 });
      return answer;
    });
    const reasons = Object.fromEntries(linking.stuck.people.map((person: { id: string; reason: string }) => [person.id, person.reason]));
    expect(reasons).toEqual({ [ana]: 'linking', [bia]: 'emailFailing' });
    expect(linking.stuck.people.find((person: { id: string }) => person.id === ana)).toMatchObject({ status: 'linking', loginLinkAwaitedFrom: 'office' });
    expect(linking.stuck.people.find((person: { id: string }) => person.id === bia).lastEmailError).toMatch(/550/);
    // "Invited more than N days ago": with N = 0, everyone still invited; one reason filters.
    expect((await tracker(office, tenantId, '?stuckDays=0')).body.stuck.total).toBe(4);
    const onlyLinking = (await tracker(office, tenantId, '?reason=linking')).body.stuck;
    expect([onlyLinking.total, onlyLinking.people.map((person: { id: string }) => person.id)]).toEqual([1, [ana]]);

    // Caio's e-mail did not arrive: the office copies his link to send it another way; it is the link the e-mail holds.
    expect((await viewer.post(`/api/admin/users/${caio}/registration-link`)).status).toBe(403);
    const copied = await office.post(`/api/admin/users/${caio}/registration-link`);
    expect(copied.status).toBe(200);
    expect(copied.headers.get('cache-control')).toBe('no-store');
    const mailed = registrationLink((await messagesTo(rows[3]!.email))[0]!);
    expect(copied.body.url).toBe(`${config.publicUrl}/register/${mailed.token}`);
    expect((await env.anonymous.get(`/api/public/invitations/${mailed.token}`)).status).toBe(200);
    const audit = await office.get(`/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ entityId: caio, action: 'user.registrationLinkCopied' }))}`);
    expect(audit.body).toHaveLength(1);
    expect(JSON.stringify(audit.body)).not.toContain(mailed.token);
    const noLink = await office.post(`/api/admin/users/${ana}/registration-link`);
    expect([noLink.status, noLink.body.error.code]).toEqual([409, 'NO_OPEN_INVITATION']);

    // "Vinculei no sistema principal" for everyone waiting: Ana gets access and the "access ready" e-mail.
    expect((await viewer.post(`/api/admin/tenants/${tenantId}/login-links`, {})).status).toBe(403);
    expect((await office.post(`/api/admin/tenants/${tenantId}/login-links`, {})).body).toEqual({ confirmed: [ana], refused: [] });
    const after = await eventually(async () => {
      const answer = (await tracker(office, tenantId)).body;
      expect(answer.counts).toMatchObject({ linking: 0, active: 1, total: 4, progress: 0.25, activeOfRegistered: 1 });
      return answer;
    });
    expect(after.stuck.people.map((person: { id: string }) => person.id)).toEqual([bia]);
    expect((await waitForMessages(rows[1]!.email, 2))[1]!.subject).toContain('está pronto'); // imported people read Portuguese

    // The migration's progress answer and the tracker of that run count the same people.
    const progress = (await office.get(`/api/admin/migrations/${migrationId}`)).body;
    expect(progress.people).toEqual(after.counts);
    expect((await tracker(office, tenantId, `?migrationId=${migrationId}`)).body.counts).toEqual(after.counts);
    expect((await env.integration.get(`/api/v1/migrations/${migrationId}`)).body.people).toMatchObject({ active: 1, total: 4 });
  });

  it('refuses bad input with the field named and nothing changed', async () => {
    const { tenantId, office } = await officeOnPlus();
    const bad = await tracker(office, tenantId, '?stuckDays=-1&limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['limit', 'stuckDays']);
    expect((await tracker(office, tenantId, '?reason=lost')).status).toBe(400);
    expect((await tracker(office, tenantId, `?migrationId=${randomUUID()}`)).body.error.code).toBe('MIGRATION_NOT_FOUND');
    const tooMany = await office.post(`/api/admin/tenants/${tenantId}/login-links`, { userIds: ['nope'] });
    expect([tooMany.status, tooMany.body.error.fields[0].path]).toEqual([400, 'userIds.0']);
  });
});
