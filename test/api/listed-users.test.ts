import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '1h' });
const env = useTestApi(config);
useTestWorker(config);

/** Index entries per index of the users collection, as MongoDB's validate counts them. */
async function keysPerIndex(): Promise<Record<string, number>> {
  return ((await mongoose.connection.db!.command({ validate: 'users' })) as { keysPerIndex: Record<string, number> }).keysPerIndex;
}

const usersList = (filter: Record<string, unknown>) => env.admin.get(`/api/admin/users?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,24]`);
const names = (answer: { body: { name: string }[] }) => answer.body.map((user) => user.name).sort();

describe('users an import stages (issue 24: an import writes no entry in the lists’ indexes)', () => {
  it('wait in the review out of the users lists and their indexes, are counted, and are listed once "Update accounts" takes them', async () => {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants', 'premium');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    // One user created in the console before the import: listed from the start.
    const created = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Zé Criado', email: `ze@${domain}`, sendInvitation: false });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const listIndexes = (await UserModel.collection.indexes()).filter((index) => index.partialFilterExpression?.listed === true).map((index) => index.name!);
    expect(listIndexes.length).toBeGreaterThanOrEqual(20);

    const before = await keysPerIndex();
    const imported = await env.admin.post(`/api/admin/tenants/${tenant.id}/users/import`, [
      { code: 101, name: 'Ana Chefe', email: `ana@${domain}`, role: 'supervisor' },
      { code: 102, name: 'Bruno Lima', email: `bruno@${domain}` },
      { code: 103, name: 'Carla Dias', email: `carla@${domain}` },
    ]);
    expect(imported.body.created).toBe(3);
    const after = await keysPerIndex();
    // Not one entry in a list's index; one each in the review's.
    expect(Object.fromEntries(listIndexes.map((name) => [name, after[name]! - before[name]!]))).toEqual(
      Object.fromEntries(listIndexes.map((name) => [name, 0])),
    );
    expect(after['tenantId_1_inReview_1_status_1_code_1__id_1']! - before['tenantId_1_inReview_1_status_1_code_1__id_1']!).toBe(3);
    // In all, 10 entries a member and 11 a supervisor (the supervisors' partial index): 31 before the lists' were partial.
    const added = Object.keys(after).reduce((sum, name) => sum + after[name]! - (before[name] ?? 0), 0);
    expect(added).toBe(10 + 10 + 11);

    // The office's users list and its search show the console's user only.
    expect(names(await usersList({ tenantId: tenant.id }))).toEqual(['Zé Criado']);
    expect((await usersList({ tenantId: tenant.id })).headers.get('content-range')).toBe('users 0-0/1');
    expect(names(await usersList({ tenantId: tenant.id, status: 'staged', q: 'carla' }))).toEqual([]);
    const review = await env.admin.get(`/api/admin/tenants/${tenant.id}/migration/review`);
    // The three, and Zé: staged without an invitation, in the review and in the list.
    expect(review.body).toMatchObject({ total: 4, counts: { toMigrate: 4, inactive: 0, withProblems: 0 } });
    // Counted where every user is: the dashboard's counts per status (this file's database holds these four).
    expect((await env.admin.get('/api/admin/dashboard')).body.counts).toMatchObject({ staged: 4 });
    // Asked for by id (a reference shown elsewhere), found whether listed or not.
    const ids = (imported.body.rows as { id: string }[]).map((row) => row.id);
    expect(names(await usersList({ id: ids }))).toEqual(['Ana Chefe', 'Bruno Lima', 'Carla Dias']);
    // And an office's, review included (who may press "Update accounts"); the platform's whole base, never.
    expect(names(await usersList({ tenantId: tenant.id, includeReview: true }))).toEqual(['Ana Chefe', 'Bruno Lima', 'Carla Dias', 'Zé Criado']);
    const unbounded = await usersList({ includeReview: true });
    expect(unbounded.status).toBe(400);
    expect(JSON.stringify(unbounded.body)).toContain('includeReview needs one tenantId');

    const started = await env.admin.post(`/api/admin/tenants/${tenant.id}/migrations`, { actingUserId: ids[0] });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await eventually(async () => {
      // The three and Zé, staged without an invitation: the review's four.
      expect((await env.admin.get(`/api/admin/migrations/${started.body.migrationId}`)).body).toMatchObject({ status: 'completed', invited: 4 });
    });
    // Taken by the run: listed, in the lists' indexes, found by the search.
    expect(names(await usersList({ tenantId: tenant.id }))).toEqual(['Ana Chefe', 'Bruno Lima', 'Carla Dias', 'Zé Criado']);
    expect(names(await usersList({ tenantId: tenant.id, q: 'carla' }))).toEqual(['Carla Dias']);
    const taken = await keysPerIndex();
    for (const name of listIndexes.filter((name) => !/Keys|emailFailing/.test(name))) expect(taken[name]! - before[name]!, name).toBe(3);
  });
});
