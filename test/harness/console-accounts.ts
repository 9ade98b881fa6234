import { adminClient, type ApiClient } from './api-client.js';
import { apiTenant, freshEmail } from './api-fixtures.js';

/**
 * A console account made through the admin API and signed in: a viewer, a platform admin, or an
 * admin linked to a (new, staged) tenant user.
 */
export async function consoleAccount(env: { url: string; admin: ApiClient }, kind: 'viewer' | 'admin' | 'tenant admin') {
  const email = freshEmail(kind.replace(' ', '-'));
  const password = `${kind.replace(' ', '-')} password 1`;
  let tenantUserId: string | undefined;
  if (kind === 'tenant admin') {
    const tenant = await apiTenant(env.admin, '/api/admin/tenants');
    const user = await env.admin.post('/api/admin/users', { tenantId: tenant.id, name: 'Tia Tenant', email: freshEmail('tenant-user'), sendInvitation: false });
    tenantUserId = user.body.id;
  }
  const created = await env.admin.post('/api/admin/admins', { email, name: kind, role: kind === 'viewer' ? 'viewer' : 'admin', password, tenantUserId });
  if (created.status !== 201) throw new Error(`account not created: ${created.status} ${JSON.stringify(created.body)}`);
  const { client } = await adminClient(env.url, email, password);
  return { id: created.body.id as string, email, password, client };
}
