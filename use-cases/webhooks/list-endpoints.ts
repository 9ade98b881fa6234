import type { Page } from '../../data/paged-list.js';
import { findWebhookEndpoint, listWebhookEndpoints, type WebhookEndpointFilter } from '../../data/webhook-endpoints.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toEndpointView } from './webhook-views.js';

/** The endpoint with this id (its record, sealed secret included), or WEBHOOK_NOT_FOUND, also when out of scope. */
export async function findEndpointRecord(scope: TenantScope, id: string) {
  const endpoint = await findWebhookEndpoint(scope, id);
  if (!endpoint) throw domainError('WEBHOOK_NOT_FOUND');
  return endpoint;
}

export const findEndpointOrFail = async (scope: TenantScope, id: string) => toEndpointView(await findEndpointRecord(scope, id));

/** A page of endpoints within the scope and how many match. */
export async function listEndpoints(scope: TenantScope, filter: WebhookEndpointFilter, page: Page) {
  const { records, total } = await listWebhookEndpoints(scope, filter, page);
  return { items: records.map(toEndpointView), total };
}
