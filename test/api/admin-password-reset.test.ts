import { describe, expect, it } from 'vitest';
import { passwordSchema } from '../../domain/password.js';
import { AdminAccountModel, AuditEventModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { consoleAccount } from '../harness/console-accounts.js';
import { testConfig } from '../harness/context.js';

const config = testConfig();
const env = useTestApi(config);

const signIn = (email: string, password: string) => env.anonymous.post('/api/admin/auth/login', { email, password });

describe("an admin resets a console account's password", () => {
  it('sets the typed password: the old one is refused, the new one works, the sessions are over', async () => {
    const account = await consoleAccount(env, 'admin');
    expect((await account.client.get('/api/admin/auth/me')).status).toBe(200);
    const newPassword = 'brand new secret 42';

    const reset = await env.admin.post(`/api/admin/admins/${account.id}/password`, { password: newPassword, passwordConfirmation: newPassword });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ account: { id: account.id, email: account.email }, generatedPassword: null });

    expect((await account.client.get('/api/admin/auth/me')).status).toBe(401);
    expect((await signIn(account.email, account.password)).status).toBe(401);
    expect((await signIn(account.email, newPassword)).status).toBe(200);

    const audit = await AuditEventModel.findOne({ entityId: account.id, action: 'admin.passwordReset' }).lean();
    expect(audit).toMatchObject({ actor: { type: 'admin', label: config.adminBootstrap!.email }, after: { generated: false, sessionsEnded: 1 } });
    expect(JSON.stringify(audit)).not.toContain(newPassword);
  });

  it('generates a password that follows the rules, answered once and stored only as a hash', async () => {
    const account = await consoleAccount(env, 'viewer');
    const reset = await env.admin.post(`/api/admin/admins/${account.id}/password`, { generate: true });
    expect(reset.status).toBe(200);
    const generated: string = reset.body.generatedPassword;
    expect(passwordSchema.safeParse(generated).success).toBe(true);
    expect(generated.length).toBeGreaterThanOrEqual(20);

    expect((await account.client.get('/api/admin/auth/me')).status).toBe(401);
    expect((await signIn(account.email, account.password)).status).toBe(401);
    expect((await signIn(account.email, generated)).status).toBe(200);
    expect(JSON.stringify((await env.admin.get(`/api/admin/admins/${account.id}`)).body)).not.toContain(generated);
    const stored = await AdminAccountModel.findById(account.id).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await AuditEventModel.findOne({ entityId: account.id, action: 'admin.passwordReset' }).lean();
    expect(audit?.after).toEqual({ generated: true, sessionsEnded: 1 });
    expect(JSON.stringify(audit)).not.toContain(generated);
  });

  it('refuses a weak or mismatched password, naming the field, and changes nothing', async () => {
    const account = await consoleAccount(env, 'viewer');
    const path = `/api/admin/admins/${account.id}/password`;
    const weak = await env.admin.post(path, { password: 'short', passwordConfirmation: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields).toEqual([
      { path: 'password', message: 'must have at least 10 characters' },
      { path: 'password', message: 'must contain letters and digits' },
    ]);
    const mismatch = await env.admin.post(path, { password: 'long enough 123', passwordConfirmation: 'long enough 124' });
    expect(mismatch.body.error.fields).toEqual([{ path: 'passwordConfirmation', message: 'must match the password' }]);
    expect((await env.admin.post(path, {})).status).toBe(400);
    expect((await env.admin.post(path, { generate: true, password: 'long enough 123' })).status).toBe(400);
    expect((await env.admin.post('/api/admin/admins/0123456789abcdef01234567/password', { generate: true })).status).toBe(404);
    expect((await account.client.get('/api/admin/auth/me')).status).toBe(200);
    expect(await AuditEventModel.countDocuments({ entityId: account.id, action: 'admin.passwordReset' })).toBe(0);
  });

  it('is for platform admins: viewers do not even read accounts, tenant accounts reset nothing', async () => {
    const target = await consoleAccount(env, 'viewer');
    const viewer = await consoleAccount(env, 'viewer');
    const tenantAdmin = await consoleAccount(env, 'tenant admin');
    for (const answer of [
      await viewer.client.get('/api/admin/admins'),
      await viewer.client.get(`/api/admin/admins/${target.id}`),
      await viewer.client.post(`/api/admin/admins/${target.id}/password`, { generate: true }),
      await tenantAdmin.client.post(`/api/admin/admins/${target.id}/password`, { generate: true }),
      await tenantAdmin.client.post(`/api/admin/admins/${tenantAdmin.id}/password`, { generate: true }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
    // Console accounts are the platform's: an office's account does not even list them.
    expect((await tenantAdmin.client.get('/api/admin/admins')).status).toBe(403);
    expect((await target.client.get('/api/admin/auth/me')).status).toBe(200);
  });
});
