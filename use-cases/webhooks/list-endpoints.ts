import type { Page } from '../../data/paged-list.js';
import { findWebhookEndpoint, listWebhookEndpoints, type WebhookEndpointFilter } from '../../data/webhook-endpoints.js';
import { domainError } from '../../domain/errors.js';
import { toEndpointView } from './webhook-views.js';

/** The endpoint with this id (its record, sealed secret included), or WEBHOOK_NOT_FOUND. */
export async function findEndpointRecord(id: string) {
  const endpoint = await findWebhookEndpoint(id);
  if (!endpoint) throw domainError('WEBHOOK_NOT_FOUND');
  return endpoint;
}

export const findEndpointOrFail = async (id: string) => toEndpointView(await findEndpointRecord(id));

/** A page of endpoints and how many match. */
export async function listEndpoints(filter: WebhookEndpointFilter, page: Page) {
  const { records, total } = await listWebhookEndpoints(filter, page);
  return { items: records.map(toEndpointView), total };
}
