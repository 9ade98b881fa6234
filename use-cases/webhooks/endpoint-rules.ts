import type { Config } from '../../config/env.js';
import { domainError } from '../../domain/errors.js';

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
 * Who manages endpoints: anyone, or (a console account linked to a tenant user) only its tenant's.
 * Such an account cannot touch global endpoints, which hear every tenant's users.
 */
export type EndpointScope = { tenantId: string } | null;

export function checkEndpointScope(scope: EndpointScope, tenantId: string | null) {
  if (!scope) return;
  if (tenantId === null)
    throw domainError('FORBIDDEN', { detail: "a console account linked to a tenant user manages only its tenant's webhook endpoints, not global ones" });
  if (tenantId !== scope.tenantId) throw domainError('OTHER_TENANT');
}

export function checkUrl(url: string, settings: WebhookSettings) {
  if (settings.requireHttps && !url.startsWith('https:')) {
    throw domainError('VALIDATION_FAILED', { fields: [{ path: 'url', message: 'must be an https URL in production' }] });
  }
}
