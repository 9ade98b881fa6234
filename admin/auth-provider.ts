import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import type { AdminIdentity } from '../domain/admin-account';
import { httpClient } from './shared/http';

/** Who is signed in, as GET /api/admin/auth/me answers it (the API's own schema). */
export type { AdminIdentity };

const AUTH = '/api/admin/auth';
const READ_ACTIONS = new Set(['list', 'show', 'export']);
/**
 * Console accounts and API keys are credentials: viewers do not see them at all (App.tsx leaves
 * the resources out for them, the API refuses their reads), and a tenant-linked account reads them
 * but changes none (the API answers FORBIDDEN), so it gets no button that would.
 */
export const CREDENTIAL_RESOURCES = new Set(['admins', 'api-keys', 'scim-tokens']);

// The session itself is the httpOnly cookie; this only spares a /me call per navigation.
let identity: AdminIdentity | null = null;

async function me(): Promise<AdminIdentity> {
  if (identity) return identity;
  const { json } = await httpClient(`${AUTH}/me`);
  identity = json as AdminIdentity;
  return identity;
}

/** The admin API's session: sign in with e-mail and password; viewers read, admins also write. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const { json } = await httpClient(`${AUTH}/login`, { method: 'POST', body: JSON.stringify({ email: username, password }) });
    identity = json as AdminIdentity;
  },
  async logout() {
    identity = null;
    await httpClient(`${AUTH}/logout`, { method: 'POST' }).catch(() => undefined);
  },
  async checkAuth() {
    await me();
  },
  async checkError(error: unknown) {
    if (error instanceof HttpError && error.status === 401) {
      identity = null;
      throw error;
    }
    // 403 is a viewer trying to write: stay signed in, the notification says why.
  },
  async getIdentity(): Promise<UserIdentity> {
    const admin = await me();
    return {
      id: admin.id,
      fullName: `${admin.name} (${admin.role})`,
      email: admin.email,
      role: admin.role,
      tenantUserId: admin.tenantUserId,
      tenantId: admin.tenantId,
    };
  },
  async getPermissions() {
    return (await me()).role;
  },
  async canAccess({ action, resource }) {
    const admin = await me().catch(() => null);
    if (!admin) return false;
    if (CREDENTIAL_RESOURCES.has(resource)) return admin.role === 'admin' && (READ_ACTIONS.has(action) || admin.tenantUserId === null);
    return admin.role === 'admin' || READ_ACTIONS.has(action);
  },
};
