import type { Config } from '../../config/env.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';

/** What the endpoint use-cases need from the process: the key material and the environment's URL rule. */
export interface WebhookSettings {
  tokenSecret: string;
  /** Production sends signed user data over https only; http is for local receivers in development and tests. */
  requireHttps: boolean;
}

export const webhookSettings = (config: Pick<Config, 'TOKEN_SECRET' | 'NODE_ENV'>): WebhookSettings => ({
  tokenSecret: config.TOKEN_SECRET,
  requireHttps: config.NODE_ENV === 'production',
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

export function checkUrl(url: string, settings: WebhookSettings) {
  if (settings.requireHttps && !url.startsWith('https:')) {
    throw domainError('VALIDATION_FAILED', { fields: [{ path: 'url', message: 'must be an https URL in production' }] });
  }
}
