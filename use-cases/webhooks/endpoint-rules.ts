import type { Config } from '../../config/env.js';
import { WebhookEndpointModel } from '../../data/models/index.js';
import { PrivateTargetError, publicAddresses, type Resolve } from '../../webhooks/target-address.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';

/** What the endpoint use-cases need from the process: the key material and the environment's URL rules. */
export interface WebhookSettings {
  tokenSecret: string;
  /** Production sends signed user data over https only; http is for local receivers in development and tests. */
  requireHttps: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: local receivers, in development and tests only. */
  allowPrivate: boolean;
  /** WEBHOOK_MAX_ENDPOINTS per tenant, and for the global ones. */
  maxEndpoints: number;
  /** The resolver the target's name is checked with (the system's). */
  resolve?: Resolve;
}

export const webhookSettings = (config: Pick<Config, 'TOKEN_SECRET' | 'NODE_ENV' | 'webhookAllowPrivate' | 'WEBHOOK_MAX_ENDPOINTS'>): WebhookSettings => ({
  tokenSecret: config.TOKEN_SECRET,
  requireHttps: config.NODE_ENV === 'production',
  allowPrivate: config.webhookAllowPrivate,
  maxEndpoints: config.WEBHOOK_MAX_ENDPOINTS,
});

/**
 * Whose a new endpoint may be: an office's principal registers its own office's endpoints only;
 * global ones (tenantId null) hear every tenant's users and are the platform's. Existing endpoints
 * out of scope, global ones included, are not found (data/webhook-endpoints.ts).
 */
export function checkNewEndpointTenant(scope: TenantScope, tenantId: string | null) {
  if (scope.kind === 'platform') return;
  if (tenantId === null) throw domainError('FORBIDDEN', { detail: "an office's account or key registers its own office's endpoints only: set tenantId" });
  requireTenant(scope, tenantId, 'tenantId');
}

/**
 * A receiver's URL: https in production, and a host on the public internet (every address its name
 * resolves to; a name that resolves to nothing is refused too). Checked again at each connection
 * (webhooks/post.ts): a name that changes its answer afterwards gets no connection either.
 */
export async function checkTarget(url: string, settings: WebhookSettings) {
  if (settings.requireHttps && !url.startsWith('https:')) {
    throw domainError('VALIDATION_FAILED', { fields: [{ path: 'url', message: 'must be an https URL in production' }] });
  }
  if (settings.allowPrivate) return;
  const refuse = (message: string) => domainError('WEBHOOK_TARGET_NOT_PUBLIC', { fields: [{ path: 'url', message }] });
  try {
    const addresses = await publicAddresses(new URL(url).hostname, { resolve: settings.resolve });
    if (addresses.length === 0) throw refuse('the host name resolves to no address');
  } catch (error) {
    if (error instanceof PrivateTargetError)
      throw refuse('the host is not on the public internet (loopback, private, link-local, CGNAT, multicast or reserved)');
    if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND' || (error as NodeJS.ErrnoException).code === 'EAI_AGAIN')
      throw refuse('the host name does not resolve');
    throw error;
  }
}

/** At most WEBHOOK_MAX_ENDPOINTS per tenant (and global ones): each lifecycle transition starts a delivery per endpoint. */
export async function checkEndpointCount(tenantId: string | null, settings: WebhookSettings) {
  if ((await WebhookEndpointModel.countDocuments({ tenantId })) >= settings.maxEndpoints) {
    throw domainError('TOO_MANY_WEBHOOKS', { detail: `at most ${settings.maxEndpoints} (WEBHOOK_MAX_ENDPOINTS)` });
  }
}
