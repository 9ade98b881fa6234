import simpleRestProvider from 'ra-data-simple-rest';
import type { AdminAccount } from '../domain/admin-account';
import type { ApiKeyRecord as ApiKeyView } from '../domain/api-key';
import type { AdminConfig, Dashboard } from '../domain/dashboard';
import type { LifecycleState } from '../domain/lifecycle';
import type { ImportResult, MigrationProgress, MigrationReviewRow } from '../domain/migration';
import type { PasswordReset } from '../domain/password';
import type { ScimTokenRecord } from '../domain/scim-token';
import type { WebhookPayload } from '../domain/webhook-events';
import type { WebhookDeliveryView, WebhookEndpointView } from '../domain/webhook-views';
import { httpClient } from './shared/http';
import { pagedGetList } from './shared/paged-get-list';

export const ADMIN_API = '/api/admin';

export type UserAction = 'resend' | 'invite' | 'deactivate' | 'reactivate';

/** What GET /api/admin/users/:id/lifecycle answers: the workflow's `state` query, when it answers. */
export interface UserLifecycle {
  workflowId: string;
  temporalUiUrl: string;
  live: boolean;
  state: LifecycleState | null;
}

// The shapes the API answers, from the zod schemas it answers with (domain/): one source of truth.
export type { AdminAccount } from '../domain/admin-account';
export type { AdminConfig, Dashboard } from '../domain/dashboard';
export type { EmailLogEntry as EmailRecord } from '../domain/email';
export type { PasswordReset } from '../domain/password';
export type { ScimTokenRecord } from '../domain/scim-token';
/** An integration key; `key` only in the answer to its creation. */
export type ApiKeyRecord = ApiKeyView & { key?: string };
/** A webhook endpoint; `secret` only in the answer to its creation. */
export type WebhookEndpointRecord = WebhookEndpointView & { secret?: string };
/** One event for one endpoint; its id is the `webhook-id` of every attempt. */
export type WebhookDeliveryRecord = Omit<WebhookDeliveryView, 'payload'> & { payload: WebhookPayload };

const get = async <T>(path: string) => (await httpClient(`${ADMIN_API}${path}`)).json as T;
const send = async <T>(method: 'POST' | 'PATCH', path: string, body: unknown = {}) =>
  (await httpClient(`${ADMIN_API}${path}`, { method, body: JSON.stringify(body), headers: new Headers({ 'Content-Type': 'application/json' }) })).json as T;
const id = encodeURIComponent;

/**
 * The stock ra-data-simple-rest provider for every resource (its getList reading pages larger
 * than the API's limit in several requests, for exports), plus the few calls that are not
 * CRUD (react-admin's "custom methods" pattern): the lifecycle actions, the live workflow
 * state, the login migration (review, Update accounts, progress), an account's password
 * reset, an API key's revocation, a tenant's SCIM tokens, a webhook delivery's resend, the dashboard and the console
 * configuration.
 */
const restProvider = simpleRestProvider(ADMIN_API, httpClient);

export const dataProvider = {
  ...restProvider,
  getList: pagedGetList(restProvider.getList),
  userAction: (userId: string, action: UserAction) => send('POST', `/users/${id(userId)}/${action}`),
  userLifecycle: (userId: string) => get<UserLifecycle>(`/users/${id(userId)}/lifecycle`),
  migrationReview: (tenantId: string, q = '') =>
    get<MigrationReviewRow[]>(`/tenants/${id(tenantId)}/migration/review${q.trim() ? `?${new URLSearchParams({ q })}` : ''}`),
  fixProposedEmail: (tenantId: string, userId: string, email: string) =>
    send<MigrationReviewRow[]>('PATCH', `/tenants/${id(tenantId)}/migration/users/${id(userId)}`, { email }),
  setExcludedFromMigration: (tenantId: string, userId: string, excluded: boolean) =>
    send<MigrationReviewRow[]>('POST', `/tenants/${id(tenantId)}/migration/users/${id(userId)}/${excluded ? 'inactivate' : 'include'}`),
  // The file goes as it is: the API detects its encoding and separator and says which it used.
  importUsers: async (tenantId: string, file: ArrayBuffer, dryRun: boolean) =>
    (
      await httpClient(`${ADMIN_API}/tenants/${id(tenantId)}/users/import${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        body: file,
        headers: new Headers({ 'Content-Type': 'text/csv' }),
      })
    ).json as ImportResult,
  migrations: (tenantId: string) => get<MigrationProgress[]>(`/tenants/${id(tenantId)}/migrations`),
  startMigration: (tenantId: string, actingUserId: string | undefined) =>
    send<{ migrationId: string; alreadyRunning: boolean }>('POST', `/tenants/${id(tenantId)}/migrations`, actingUserId ? { actingUserId } : {}),
  cancelMigration: (migrationId: string) => send<MigrationProgress>('POST', `/migrations/${id(migrationId)}/cancel`),
  resetAdminPassword: (accountId: string, reset: PasswordReset) =>
    send<{ account: AdminAccount; generatedPassword: string | null }>('POST', `/admins/${id(accountId)}/password`, reset),
  revokeApiKey: (keyId: string) => send<ApiKeyRecord>('POST', `/api-keys/${id(keyId)}/revoke`),
  scimTokens: (tenantId: string) => get<ScimTokenRecord[]>(`/tenants/${id(tenantId)}/scim-tokens`),
  createScimToken: (tenantId: string, name: string) =>
    send<ScimTokenRecord & { token: string; baseUrl: string }>('POST', `/tenants/${id(tenantId)}/scim-tokens`, { name }),
  revokeScimToken: (tokenId: string) => send<ScimTokenRecord>('POST', `/scim-tokens/${id(tokenId)}/revoke`),
  resendWebhookDelivery: (deliveryId: string) => send<WebhookDeliveryRecord>('POST', `/webhook-deliveries/${id(deliveryId)}/resend`),
  dashboard: (stuckDays: number) => get<Dashboard>(`/dashboard?stuckDays=${stuckDays}`),
  config: () => get<AdminConfig>('/config'),
};

export type AdminDataProvider = typeof dataProvider;
