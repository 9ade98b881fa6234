import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { AdminIdentity } from '../domain/admin-account.js';
import type { Actor } from '../domain/actor.js';
import type { TenantScope } from '../domain/tenant-scope.js';
import { lifecycleClient, type LifecycleClient } from '../temporal/lifecycle-client.js';
import { activationTracker } from './activation/activation-tracker.js';
import { ensureBootstrapAdmin } from './admin-accounts/bootstrap-admin.js';
import { createAdmin } from './admin-accounts/create-admin.js';
import { deleteAdmin } from './admin-accounts/delete-admin.js';
import { findAdminOrFail } from './admin-accounts/find-admin.js';
import { listAdmins } from './admin-accounts/list-admins.js';
import { resetAdminPassword } from './admin-accounts/reset-password.js';
import { closeSession, sessionIdentity, startSession } from './admin-accounts/sessions.js';
import { signIn } from './admin-accounts/sign-in.js';
import { updateAdmin } from './admin-accounts/update-admin.js';
import { authenticateApiKey } from './api-keys/authenticate-api-key.js';
import { createApiKey } from './api-keys/create-api-key.js';
import { findApiKeyOrFail, listAllApiKeys, listApiKeyPage } from './api-keys/list-api-keys.js';
import { revokeApiKey, revokeApiKeyById } from './api-keys/revoke-api-key.js';
import { countAwaitingRegistrationSince, countEmailFailing, countUsersByStatus, dashboard } from './dashboard/dashboard.js';
import { cancelMigration } from './migrations/cancel-migration.js';
import { setExcluded } from './migrations/exclude-user.js';
import { fixProposedEmail } from './migrations/fix-proposed-email.js';
import { importTemplate } from './migrations/import-template.js';
import { importUsers, readImportCsv } from './migrations/import-users.js';
import { migrationProgress, tenantMigrations } from './migrations/migration-progress.js';
import { reviewPage } from './migrations/review-page.js';
import { startMigration } from './migrations/start-migration.js';
import { checkBatchSize, onboardBatch } from './onboarding/onboard-batch.js';
import { onboard } from './onboarding/onboard.js';
import { signUp } from './onboarding/self-signup.js';
import { auditTrail, forViewer } from './records/audit-trail.js';
import { invitationLinks } from './records/invitation-links.js';
import { outgoingEmails } from './records/outgoing-emails.js';
import { scimUserUseCases } from './scim/users.js';
import { authenticateScimToken, scimActor } from './scim-tokens/authenticate-scim-token.js';
import { createScimToken } from './scim-tokens/create-scim-token.js';
import { listAllScimTokens, listTenantScimTokens } from './scim-tokens/list-scim-tokens.js';
import { revokeScimToken, revokeScimTokenById } from './scim-tokens/revoke-scim-token.js';
import { createTenant } from './tenants/create-tenant.js';
import { deleteTenant } from './tenants/delete-tenant.js';
import { emailPreview } from './tenants/email-preview.js';
import { findTenantView } from './tenants/find-tenant.js';
import { listTenants } from './tenants/list-tenants.js';
import { updateTenant } from './tenants/update-tenant.js';
import { acceptInvitation } from './users/accept-invitation.js';
import { confirmLoginLinks } from './users/confirm-login-links.js';
import { createUser } from './users/create-user.js';
import { findUserOrFail } from './users/find-user.js';
import { invitationDetails } from './users/invitation-details.js';
import { userLifecycleActions } from './users/lifecycle-actions.js';
import { listUsers } from './users/list-users.js';
import { registrationLink } from './users/registration-link.js';
import { renewInvitation } from './users/renew-invitation.js';
import { logIn } from './users/sign-in.js';
import { syncUsers } from './users/sync-users.js';
import { updateUser, type UserChanges } from './users/update-user.js';
import { toOnboardingView, toUserView } from './users/user-view.js';
import { emailEventUseCases } from './email-events/index.js';
import { createEndpoint } from './webhooks/create-endpoint.js';
import { deleteEndpoint } from './webhooks/delete-endpoint.js';
import { webhookSettings } from './webhooks/endpoint-rules.js';
import { findDeliveryOrFail, listDeliveries } from './webhooks/list-deliveries.js';
import { findEndpointOrFail, listEndpoints } from './webhooks/list-endpoints.js';
import { resendDelivery } from './webhooks/resend-delivery.js';
import { updateEndpoint } from './webhooks/update-endpoint.js';

/** The limits the entry points state in their request schemas and documentation; the use-cases enforce them. */
export { MAX_STUCK_PAGE } from './activation/activation-tracker.js';
export { importColumns } from './migrations/import-columns.js';
export { MAX_IMPORT_ROWS } from './migrations/import-users.js';
export { BATCH_LIMIT } from './onboarding/onboard-batch.js';
export { MAX_LINK_CONFIRMATIONS } from './users/confirm-login-links.js';
export { SYNC_PAGE_DEFAULT, SYNC_PAGE_LIMIT } from './users/sync-users.js';
/** What some of them take and answer, for the entry points' mappings. */
export type { BatchItemOutcome } from './onboarding/onboard-batch.js';
export type { ProvisionedChange, ProvisionedUser, ScimUserRecord } from './scim/users.js';
export type { ScimIdentity } from './scim-tokens/authenticate-scim-token.js';

/** What the use-cases need from the process, given once when it starts. */
export interface UseCaseDeps {
  config: Config;
  temporal: Client;
  /** The lifecycle's client side; built from `temporal` and `config` when not given. */
  lifecycle?: LifecycleClient;
}

/** `useCase` with the process's dependencies bound: the caller passes the rest, its scope first where the use-case takes one. */
const bound =
  <D, A extends unknown[], R>(useCase: (deps: D, ...args: A) => R, deps: D) =>
  (...args: A) =>
    useCase(deps, ...args);

/**
 * Every use-case of the service, by capability (one folder each), bound once per process to the
 * Temporal client, the lifecycle's client, the task queue and the settings they need (samples:
 * activities-dependency-injection, as `createActivities` in activities/). The entry points (the
 * API and SCIM, the CLI, the benchmarks) receive the result and call nothing else of use-cases/;
 * each use-case still takes the caller's `TenantScope` (domain/tenant-scope.ts) where it did.
 */
export function createUseCases(deps: UseCaseDeps) {
  const { config, temporal } = deps;
  const lifecycle = deps.lifecycle ?? lifecycleClient(temporal, config);
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const actions = userLifecycleActions({ temporal, lifecycle, taskQueue });
  const endpointSettings = webhookSettings(config);

  return {
    users: {
      list: listUsers,
      /** Another system's sync walk: users in _id order with an opaque cursor (GET /api/v1/users). */
      sync: syncUsers,
      find: async (scope: TenantScope, userId: string) => toUserView(await findUserOrFail(scope, userId)),
      /** Creates the user and, unless `sendInvitation` is false, starts its lifecycle. */
      create: bound(createUser, lifecycle),
      update: bound(updateUser, lifecycle),
      delete: actions.deleteUser,
      invite: actions.invite,
      resend: actions.resend,
      deactivate: actions.deactivate,
      reactivate: actions.reactivate,
      confirmLoginLink: actions.confirmLoginLink,
      confirmLoginLinks: bound(confirmLoginLinks, lifecycle),
      registrationLink: bound(registrationLink, { tokenSecret: config.TOKEN_SECRET, publicUrl: config.publicUrl }),
      liveState: actions.liveState,
      invitationDetails: (token: string) => invitationDetails(token, config.signInUrl),
      acceptInvitation: bound(acceptInvitation, lifecycle),
      renewInvitation: (token: string) => renewInvitation(lifecycle, token, config.RENEW_COOLDOWN),
      signIn: logIn,
    },
    onboarding: {
      onboard: bound(onboard, actions),
      onboardBatch: bound(onboardBatch, actions),
      checkBatchSize,
      status: actions.onboardingStatus,
      /** A profile change answered as the onboarding it is (no live state: the workflow has yet to hear of it). */
      update: async (scope: TenantScope, userId: string, changes: UserChanges, actor: Actor) =>
        toOnboardingView(await updateUser(lifecycle, scope, userId, changes, actor), null),
      selfSignup: bound(signUp, actions),
    },
    tenants: {
      list: listTenants,
      find: findTenantView,
      create: createTenant,
      update: updateTenant,
      delete: deleteTenant,
      emailPreview: bound(emailPreview, { mailFrom: config.MAIL_FROM, publicUrl: config.publicUrl, signInUrl: config.signInUrl }),
    },
    migrations: {
      importUsers,
      readImportCsv,
      importTemplate,
      start: bound(startMigration, { temporal, config }),
      cancel: bound(cancelMigration, { temporal, config }),
      progress: migrationProgress,
      ofTenant: tenantMigrations,
      review: reviewPage,
      fixProposedEmail,
      setExcluded,
    },
    records: { invitationLinks, outgoingEmails, auditTrail: { list: auditTrail.list, find: auditTrail.find, forViewer } },
    webhooks: {
      listEndpoints,
      findEndpoint: findEndpointOrFail,
      createEndpoint: bound(createEndpoint, endpointSettings),
      updateEndpoint: bound(updateEndpoint, endpointSettings),
      deleteEndpoint,
      listDeliveries,
      findDelivery: findDeliveryOrFail,
      resendDelivery: bound(resendDelivery, { temporal, taskQueue }),
    },
    apiKeys: {
      create: createApiKey,
      list: listApiKeyPage,
      listAll: listAllApiKeys,
      find: findApiKeyOrFail,
      revoke: revokeApiKey,
      revokeById: revokeApiKeyById,
      authenticate: authenticateApiKey,
    },
    scimTokens: {
      create: createScimToken,
      ofTenant: listTenantScimTokens,
      listAll: listAllScimTokens,
      revoke: revokeScimToken,
      revokeById: revokeScimTokenById,
      authenticate: authenticateScimToken,
      actorOf: scimActor,
    },
    /** The users an identity provider provisions (SCIM), within its token's tenant. */
    scim: scimUserUseCases({ actions, lifecycle }),
    adminAccounts: {
      list: listAdmins,
      find: findAdminOrFail,
      create: createAdmin,
      update: updateAdmin,
      delete: deleteAdmin,
      resetPassword: resetAdminPassword,
      signIn,
      startSession: (identity: AdminIdentity, previousSession: string | undefined) => startSession(identity, previousSession, config.ADMIN_SESSION_TTL),
      sessionIdentity,
      closeSession,
      ensureBootstrapAdmin: (logger: Logger) => ensureBootstrapAdmin(config, logger),
    },
    dashboard: { show: dashboard, countUsersByStatus, countAwaitingRegistrationSince, countEmailFailing },
    activation: { tracker: activationTracker },
    /** The e-mail providers' bounce and complaint reports, and Amazon SNS's subscription confirmations. */
    emailEvents: emailEventUseCases({ lifecycle }),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
