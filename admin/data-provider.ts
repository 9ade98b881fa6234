import simpleRestProvider from 'ra-data-simple-rest';
import type { AdminAccount } from '../domain/admin-account';
import type { ApiKeyRecord as ApiKeyView } from '../domain/api-key';
import type { AdminConfig, Dashboard } from '../domain/dashboard';
import type { LifecycleState } from '../domain/lifecycle';
import type { ActivationTracker, StuckReason } from '../domain/activation';
import type { ImportResult, MigrationProgress } from '../domain/migration';
import type { MigrationReviewPage } from '../domain/migration-review';
import type { PasswordReset } from '../domain/password';
import type { ScimTokenRecord } from '../domain/scim-token';
import type { WebhookPayload } from '../domain/webhook-events';
import type { WebhookDeliveryView, WebhookEndpointView } from '../domain/webhook-views';
import { httpClient } from './shared/http';
import { withBoundedLists } from './shared/bounded-list';
import { pagedGetList } from './shared/paged-get-list';

export const ADMIN_API = '/api/admin';

export type UserAction = 'resend' | 'invite' | 'deactivate' | 'reactivate';

/** Which page of the review the console is on: the API answers that page after every fix. */
export interface ReviewQuery {
  q: string;
  problemsOnly: boolean;
  offset: number;
  limit: number;
}

/** The activation tracker's filters: one migration run or the whole office, one stuck reason or all. */
export interface TrackerQuery {
  stuckDays: number;
  migrationId?: string;
  reason?: StuckReason;
  offset: number;
  limit: number;
}

/** What GET /api/admin/users/:id/lifecycle answers: the workflow's `state` query, when it answers. */
export interface UserLifecycle {
  workflowId: string;
  temporalUiUrl: string;
  live: boolean;
  state: LifecycleState | null;
}

// The shapes the API answers, from the zod schemas it answers with (domain/): one source of truth.
export type { AdminAccount } from '../domain/admin-account';
export type { ActivationTracker, StuckPerson, StuckReason } from '../domain/activation';
export type { AdminConfig, Dashboard } from '../domain/dashboard';
export type { MigrationReviewPage } from '../domain/migration-review';
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
const send = async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown = {}) =>
  (await httpClient(`${ADMIN_API}${path}`, { method, body: JSON.stringify(body), headers: new Headers({ 'Content-Type': 'application/json' }) })).json as T;
const id = encodeURIComponent;
const reviewParams = ({ q, problemsOnly, offset, limit }: ReviewQuery) =>
  new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), problemsOnly: String(problemsOnly), offset: String(offset), limit: String(limit) });
const trackerParams = ({ stuckDays, migrationId, reason, offset, limit }: TrackerQuery) =>
  new URLSearchParams({
    stuckDays: String(stuckDays),
    ...(migrationId ? { migrationId } : {}),
    ...(reason ? { reason } : {}),
    offset: String(offset),
    limit: String(limit),
  });

/**
 * The stock ra-data-simple-rest provider for every resource (its getList reading pages larger
 * than the API's limit in several requests, for exports), plus the few calls that are not
 * CRUD (react-admin's "custom methods" pattern): the lifecycle actions, the live workflow
 * state, the login migration (review, Update accounts, progress), the activation tracker and its
 * one-click fixes (new e-mail, the invitation link to copy, the main-system link), an account's password
 * reset, an API key's revocation, a tenant's SCIM tokens, a webhook delivery's resend, the dashboard and the console
 * configuration.
 */
const restProvider = simpleRestProvider(ADMIN_API, httpClient);
// The users: offsets up to row 10,000, then cursors, and "more than 10,000" (shared/bounded-list.ts).
const lists = withBoundedLists(ADMIN_API, restProvider);

export const dataProvider = {
  ...restProvider,
  getList: pagedGetList(lists.getList),
  getManyReference: lists.getManyReference,
  userAction: (userId: string, action: UserAction) => send('POST', `/users/${id(userId)}/${action}`),
  userLifecycle: (userId: string) => get<UserLifecycle>(`/users/${id(userId)}/lifecycle`),
  migrationReview: (tenantId: string, query: ReviewQuery) => get<MigrationReviewPage>(`/tenants/${id(tenantId)}/migration/review?${reviewParams(query)}`),
  fixProposedEmail: (tenantId: string, userId: string, email: string, query: ReviewQuery) =>
    send<MigrationReviewPage>('PATCH', `/tenants/${id(tenantId)}/migration/users/${id(userId)}?${reviewParams(query)}`, { email }),
  setExcludedFromMigration: (tenantId: string, userId: string, excluded: boolean, query: ReviewQuery) =>
    send<MigrationReviewPage>('POST', `/tenants/${id(tenantId)}/migration/users/${id(userId)}/${excluded ? 'inactivate' : 'include'}?${reviewParams(query)}`),
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
  activationTracker: (tenantId: string, query: TrackerQuery) => get<ActivationTracker>(`/tenants/${id(tenantId)}/activation?${trackerParams(query)}`),
  // A new login e-mail: the API sends a new invitation to it (the old link dies).
  changeEmail: (userId: string, email: string) => send<{ id: string }>('PUT', `/users/${id(userId)}`, { email }),
  registrationLink: (userId: string) => send<{ url: string; expiresAt: string }>('POST', `/users/${id(userId)}/registration-link`),
  confirmLoginLink: (userId: string) => send<{ id: string }>('POST', `/users/${id(userId)}/login-link`),
  confirmLoginLinks: (tenantId: string) =>
    send<{ confirmed: string[]; refused: { userId: string; code: string }[] }>('POST', `/tenants/${id(tenantId)}/login-links`, {}),
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
