import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import type { AdminIdentity, AdminRole } from '../domain/admin-account';
import { httpClient } from './shared/http';

/** Who is signed in, as GET /api/admin/auth/me answers it (the API's own schema). */
export type { AdminIdentity };

/**
 * What App.tsx builds the console from: the role, and the office (tenant) of an account linked to
 * a tenant user, which the API confines to that office; null for a platform account.
 */
export interface Permissions {
  role: AdminRole;
  tenantId: string | null;
}

/** The office an account is confined to: its tenant user's tenant; null for a platform account. */
export const officeOf = (admin: { tenantUserId: string | null; tenantId: string | null }) => (admin.tenantUserId ? admin.tenantId : null);

const AUTH = '/api/admin/auth';
const READ_ACTIONS = new Set(['list', 'show', 'export']);
/**
 * Console accounts, API keys and SCIM tokens are credentials: viewers do not see them at all
 * (App.tsx leaves the resources out for them, the API refuses their reads). Admins manage keys and
 * tokens: a platform account every office's and the platform keys, an office's account its own
 * office's (the API narrows the lists and refuses the rest). Console accounts are the platform's
 * alone (PLATFORM_RESOURCES).
 */
export const CREDENTIAL_RESOURCES = new Set(['admins', 'api-keys', 'scim-tokens']);
/** The platform's alone (the API answers FORBIDDEN to an office): console accounts, and listing, creating and deleting tenants. */
const PLATFORM_RESOURCES = new Set(['admins']);
const PLATFORM_TENANT_ACTIONS = new Set(['list', 'create', 'delete']);

// The session itself is the httpOnly cookie; this only spares a /me call per navigation.
let identity: AdminIdentity | null = null;
// The console's first render asks for auth, identity and permissions at once: one /me for all of them.
let pending: Promise<AdminIdentity> | null = null;

function me(): Promise<AdminIdentity> {
  if (identity) return Promise.resolve(identity);
  pending ??= httpClient(`${AUTH}/me`)
    .then(({ json }) => (identity = json as AdminIdentity))
    .finally(() => (pending = null));
  return pending;
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
  async getPermissions(): Promise<Permissions> {
    const admin = await me();
    return { role: admin.role, tenantId: officeOf(admin) };
  },
  async canAccess({ action, resource }) {
    const admin = await me().catch(() => null);
    if (!admin) return false;
    if (officeOf(admin) !== null && (PLATFORM_RESOURCES.has(resource) || (resource === 'tenants' && PLATFORM_TENANT_ACTIONS.has(action)))) return false;
    if (CREDENTIAL_RESOURCES.has(resource)) return admin.role === 'admin';
    return admin.role === 'admin' || READ_ACTIONS.has(action);
  },
};
