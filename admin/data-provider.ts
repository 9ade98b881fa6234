import simpleRestProvider from 'ra-data-simple-rest';
import type { ActivationStatus } from '../domain/activation-status';
import type { EmailStatus, EmailTemplate } from '../domain/email';
import type { ImportResult, MigrationProgress, MigrationReviewRow } from '../domain/migration';
import type { WebhookDeliveryStatus, WebhookEventType } from '../domain/webhook-events';
import { httpClient } from './shared/http';
import { pagedGetList } from './shared/paged-get-list';

export const ADMIN_API = '/api/admin';

export type UserAction = 'resend' | 'invite' | 'deactivate' | 'reactivate';

/** What GET /api/admin/users/:id/lifecycle answers: the workflow's `state` query, when it answers. */
export interface UserLifecycle {
  workflowId: string;
  temporalUiUrl: string;
  live: boolean;
  state: {
    status: ActivationStatus;
    invitationsSent: number;
    invitedAt: number | null;
    expiresAt: number | null;
    remindersSent: number;
    nextReminderAt: number | null;
    registeredAt: number | null;
    accessAt: number | null;
    activatedAt: number | null;
    emailsSent: number;
    emailFailing: boolean;
    lastEmailError: string | null;
  } | null;
}

export interface EmailRecord {
  id: string;
  userId: string;
  tenantId: string;
  to: string;
  template: EmailTemplate;
  locale: string;
  subject: string;
  messageId: string;
  status: EmailStatus;
  attempts: number;
  error: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Plain-text body with the registration token cut out. */
  preview: string | null;
}

export interface Dashboard {
  counts: Record<ActivationStatus, number>;
  total: number;
  stuck: {
    days: number;
    total: number;
    users: {
      id: string;
      name: string;
      email: string | null;
      tenantId: string;
      invitedAt: string | null;
      remindersSent: number;
      emailFailing: boolean;
      lastEmailError: string | null;
    }[];
  };
  recentEmails: EmailRecord[];
  worker: { ok: boolean; detail: string; workers: number };
}

/** A console account as GET /api/admin/admins answers it. */
export interface AdminAccount {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'viewer';
  disabled: boolean;
  lastLoginAt: string | null;
  tenantUserId: string | null;
  tenantId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/admin/admins/:id/password: the typed password twice, or a generated one answered once. */
export type PasswordReset = { password: string; passwordConfirmation: string } | { generate: true };

/** An integration key as the admin API lists it; `key` only in the answer to its creation. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: { type: 'admin' | 'cli'; id: string | null; email: string | null } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

/** A webhook endpoint as the admin API lists it; `secret` only in the answer to its creation. */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  tenantId: string | null;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

/** One event for one endpoint; its id is the `webhook-id` of every attempt. */
export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventType: WebhookEventType;
  tenantId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };
}

/** A tenant's SCIM token as GET /api/admin/tenants/:id/scim-tokens answers it (never the token). */
export interface ScimTokenRecord {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AdminConfig {
  temporalUiUrl: string;
  namespace: string;
  taskQueue: string;
}

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
