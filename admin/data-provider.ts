import simpleRestProvider from 'ra-data-simple-rest';
import type { ActivationStatus } from '../domain/activation-status';
import type { MigrationProgress, MigrationReviewRow } from '../domain/migration';
import { httpClient } from './shared/http';

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
  template: 'invitation' | 'reminder' | 'accessReady';
  locale: string;
  subject: string;
  messageId: string;
  status: 'sending' | 'sent' | 'rejected';
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
    users: { id: string; name: string; email: string | null; tenantId: string; invitedAt: string | null; remindersSent: number; emailFailing: boolean; lastEmailError: string | null }[];
  };
  recentEmails: EmailRecord[];
  worker: { ok: boolean; detail: string; workers: number };
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
 * The stock ra-data-simple-rest provider for every resource, plus the few calls that are not
 * CRUD (react-admin's "custom methods" pattern): the lifecycle actions, the live workflow
 * state, the login migration (review, Update accounts, progress), the dashboard and the
 * console configuration.
 */
export const dataProvider = {
  ...simpleRestProvider(ADMIN_API, httpClient),
  userAction: (userId: string, action: UserAction) => send('POST', `/users/${id(userId)}/${action}`),
  userLifecycle: (userId: string) => get<UserLifecycle>(`/users/${id(userId)}/lifecycle`),
  migrationReview: (tenantId: string) => get<MigrationReviewRow[]>(`/tenants/${id(tenantId)}/migration/review`),
  fixProposedEmail: (tenantId: string, userId: string, email: string) => send<MigrationReviewRow[]>('PATCH', `/tenants/${id(tenantId)}/migration/users/${id(userId)}`, { email }),
  setExcludedFromMigration: (tenantId: string, userId: string, excluded: boolean) =>
    send<MigrationReviewRow[]>('POST', `/tenants/${id(tenantId)}/migration/users/${id(userId)}/${excluded ? 'inactivate' : 'include'}`),
  migrations: (tenantId: string) => get<MigrationProgress[]>(`/tenants/${id(tenantId)}/migrations`),
  startMigration: (tenantId: string, actingUserId: string | undefined) =>
    send<{ migrationId: string; alreadyRunning: boolean }>('POST', `/tenants/${id(tenantId)}/migrations`, actingUserId ? { actingUserId } : {}),
  cancelMigration: (migrationId: string) => send<MigrationProgress>('POST', `/migrations/${id(migrationId)}/cancel`),
  dashboard: (stuckDays: number) => get<Dashboard>(`/dashboard?stuckDays=${stuckDays}`),
  config: () => get<AdminConfig>('/config'),
};

export type AdminDataProvider = typeof dataProvider;
